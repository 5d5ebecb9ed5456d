import { loaderByGroup, loaderById } from '@liangling/kit';
import type { PrismaClient } from './generated/prisma/client';

export function createLoaders(db: PrismaClient) {
  return {
    device: loaderById((ids) => db.device.findMany({ where: { id: { in: ids } } })),
    devicesByBuilding: loaderByGroup(
      (ids) => db.device.findMany({ where: { buildingId: { in: ids } }, orderBy: { id: 'asc' } }),
      (row) => row.buildingId ?? '',
    ),
    alert: loaderById((ids) => db.alert.findMany({ where: { id: { in: ids } } })),
    /** The read model of places (see prisma/schema.prisma). */
    region: loaderById((ids) => db.region.findMany({ where: { id: { in: ids } } })),
    building: loaderById((ids) => db.building.findMany({ where: { id: { in: ids } } })),
    household: loaderById((ids) => db.household.findMany({ where: { id: { in: ids } } })),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
