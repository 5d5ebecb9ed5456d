import { prismaDatabase, type City, type Department } from '@liangling/kit';
// The resolvers in the order type-graphql registers their fields, which is the order the schema
// lists them in: the classes register as their files load, so these imports come first, in this order.
import { AssistanceApplicationResolver } from './assistance-application.resolver';
import { BreakGlassResolver } from './break-glass.resolver';
import { RegionResolver, resolveRegion } from './region.resolver';
import { RegionStatisticsResolver } from './region-statistics.resolver';
import { ResidentResolver, resolveResident } from './resident.resolver';
import { HouseholdResolver, resolveHousehold } from './household.resolver';
import { BuildingResolver, resolveBuilding } from './building.resolver';
import { CareVisitResolver, HouseholdCareVisitResolver } from './care-visit.resolver';
import { ResidentRegisterResolver } from './resident-register.resolver';
import { householdScope, residentScope } from './access';
import type { Db } from './context';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresClient } from './generated/prisma-pg/client';
import { residentGrants } from './grants';
import { createLoaders, type Loaders } from './loaders';
import { isResidentsEmpty, residentsSeedRows, seedResidents } from './seed';

/** 人、地: the grid platform's places and people. */
export const residents: Department<Db, Loaders, City> = {
  name: 'residents',
  code: 'CIVIL_AFFAIRS',
  resolvers: [
    RegionResolver,
    RegionStatisticsResolver,
    BuildingResolver,
    HouseholdResolver,
    ResidentResolver,
    ResidentRegisterResolver,
    CareVisitResolver,
    HouseholdCareVisitResolver,
    BreakGlassResolver,
    AssistanceApplicationResolver,
  ],
  entities: {
    Region: resolveRegion,
    Building: resolveBuilding,
    Household: resolveHousehold,
    Resident: resolveResident,
  },
  // A household's visits and applications are about its members, as the household is.
  scopes: { Resident: residentScope, Household: householdScope, CareVisit: householdScope, AssistanceApplication: householdScope },
  grants: residentGrants,
  database: prismaDatabase({
    sourceDir: __dirname,
    sqlite: PrismaClient,
    postgres: PostgresClient,
    isEmpty: isResidentsEmpty,
    seed: seedResidents,
    seedRows: residentsSeedRows,
  }),
  loaders: createLoaders,
};
