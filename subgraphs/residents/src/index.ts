import { join } from 'node:path';
import type { City, Department } from '@liangling/kit';
import { applicationScope, AssistanceApplicationResolver } from './assistance-application';
import { BreakGlassResolver } from './break-glass';
import { BuildingResolver, resolveBuilding } from './building';
import { CareVisitResolver, careVisitScope, HouseholdCareVisitResolver } from './care-visit';
import type { Db } from './context';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresClient } from './generated/prisma-pg/client';
import { HouseholdResolver, householdScope, resolveHousehold } from './household';
import { residentGrants } from './grants';
import { createLoaders, type Loaders } from './loaders';
import { RegionResolver, resolveRegion } from './region';
import { ResidentMutationResolver } from './resident-mutations';
import { ResidentResolver, residentScope, resolveResident } from './resident';
import { isResidentsEmpty, seedResidents } from './seed';
import { RegionStatisticsResolver } from './stats';

/** 人、地: the grid platform's places and people. */
export const residents: Department<Db, Loaders, City> = {
  name: 'residents',
  code: 'CIVIL_AFFAIRS',
  resolvers: [RegionResolver, RegionStatisticsResolver, BuildingResolver, HouseholdResolver, ResidentResolver, ResidentMutationResolver, CareVisitResolver, HouseholdCareVisitResolver, BreakGlassResolver, AssistanceApplicationResolver],
  entities: {
    Region: resolveRegion,
    Building: resolveBuilding,
    Household: resolveHousehold,
    Resident: resolveResident,
  },
  scopes: { Resident: residentScope, Household: householdScope, CareVisit: careVisitScope, AssistanceApplication: applicationScope },
  grants: residentGrants,
  database: {
    prismaDir: join(__dirname, '..', 'prisma'),
    // The PostgreSQL twin's client has the same models as the SQLite one: one cast, here.
    connect: ({ provider, ...options }) => (provider === 'postgresql' ? (new PostgresClient(options) as unknown as Db) : new PrismaClient(options)),
    isEmpty: isResidentsEmpty,
    seed: seedResidents,
  },
  loaders: createLoaders,
};
