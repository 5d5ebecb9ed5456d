import { loaderByGroup, loaderById, rowsWhereIn } from '@liangling/kit';
import type { PrismaClient as Db, Resident as ResidentRow } from './generated/prisma/client';

export function createLoaders(db: Db) {
  return {
    region: loaderById((ids) => db.region.findMany({ where: { id: { in: ids } } })),
    building: loaderById((ids) => db.building.findMany({ where: { id: { in: ids } } })),
    /** Households with the ids of their members: the members are the subjects of a household's personal data. */
    household: loaderById(async (ids) => {
      const [households, members] = await Promise.all([
        db.household.findMany({ where: { id: { in: ids } } }),
        db.resident.findMany({ where: { householdId: { in: ids } }, select: { id: true, householdId: true }, orderBy: { id: 'asc' } }),
      ]);
      return households.map((household) => ({
        ...household,
        memberIds: members.filter((member) => member.householdId === household.id).map((member) => member.id),
      }));
    }),
    resident: loaderById((ids) => rowsWhereIn<ResidentRow>(db, 'Resident', 'id', ids)),
    regionChildren: loaderByGroup(
      (parentIds) => db.region.findMany({ where: { parentId: { in: parentIds } }, orderBy: { id: 'asc' } }),
      (region) => region.parentId ?? '',
    ),
    regionStats: loaderById(async (ids) =>
      (await db.regionStats.findMany({ where: { regionId: { in: ids } } })).map((row) => ({ ...row, id: row.regionId })),
    ),
    householdMembers: loaderByGroup(
      (householdIds) => db.resident.findMany({ where: { householdId: { in: householdIds } }, orderBy: { id: 'asc' } }),
      (resident) => resident.householdId,
    ),
    careVisitsByHousehold: loaderByGroup(
      (householdIds) =>
        db.careVisit.findMany({ where: { householdId: { in: householdIds } }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] }),
      (visit) => visit.householdId,
    ),
    buildingHouseholds: loaderByGroup(
      (buildingIds) => db.household.findMany({ where: { buildingId: { in: buildingIds } }, orderBy: [{ unit: 'asc' }, { room: 'asc' }] }),
      (household) => household.buildingId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
