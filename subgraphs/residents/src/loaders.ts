import DataLoader from 'dataloader';
import type { Building, Household, Region, Resident } from './generated/prisma/client';
import type { Db } from './context';

/** Loads rows by key in one query per tick; missing keys load as null. */
function byId<T extends { id: string }>(load: (ids: string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = new Map((await load([...ids])).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

export function createLoaders(db: Db) {
  return {
    region: byId<Region>((ids) => db.region.findMany({ where: { id: { in: ids } } })),
    building: byId<Building>((ids) => db.building.findMany({ where: { id: { in: ids } } })),
    household: byId<Household>((ids) => db.household.findMany({ where: { id: { in: ids } } })),
    resident: byId<Resident>((ids) => db.resident.findMany({ where: { id: { in: ids } } })),
    regionChildren: new DataLoader<string, Region[]>(async (parentIds) => {
      const rows = await db.region.findMany({ where: { parentId: { in: [...parentIds] } }, orderBy: { id: 'asc' } });
      return parentIds.map((parentId) => rows.filter((row) => row.parentId === parentId));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
