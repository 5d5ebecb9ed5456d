import { join } from 'node:path';
import type { City, Department } from '@liangling/kit';
import type { Db } from './context';
import { PrismaClient } from './generated/prisma/client';
import { createLoaders, type Loaders } from './loaders';
import { RepairRequestResolver, requestScope, resolveRepairRequest } from './repair-request';
import { ResidentRequestsResolver, resolveResident } from './resident';
import { isRequestsEmpty, seedRequests } from './seed';

/** 一键报修: one-click repair requests and their handling. */
export const requests: Department<Db, Loaders, City> = {
  name: 'requests',
  code: 'CITY_MANAGEMENT',
  resolvers: [RepairRequestResolver, ResidentRequestsResolver],
  entities: { RepairRequest: resolveRepairRequest, Resident: resolveResident },
  scopes: { RepairRequest: requestScope },
  database: {
    prismaDir: join(__dirname, '..', 'prisma'),
    connect: (options) => new PrismaClient(options),
    isEmpty: isRequestsEmpty,
    seed: seedRequests,
  },
  loaders: createLoaders,
};
