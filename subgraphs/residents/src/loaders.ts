import { loaderByGroup, loaderById } from '@liangling/kit';
import type { Db } from './context';

export function createLoaders(db: Db) {
  return {
    region: loaderById((ids) => db.region.findMany({ where: { id: { in: ids } } })),
    building: loaderById((ids) => db.building.findMany({ where: { id: { in: ids } } })),
    household: loaderById((ids) => db.household.findMany({ where: { id: { in: ids } } })),
    resident: loaderById((ids) => db.resident.findMany({ where: { id: { in: ids } } })),
    regionChildren: loaderByGroup(
      (parentIds) => db.region.findMany({ where: { parentId: { in: parentIds } }, orderBy: { id: 'asc' } }),
      (region) => region.parentId ?? '',
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
