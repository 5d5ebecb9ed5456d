import { resolveReferenceById, type City, type Department, prismaDatabase } from '@liangling/kit';
import { residentScope, volunteerScope } from './access';
import type { Db } from './context';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresClient } from './generated/prisma-pg/client';
import { createLoaders, type Loaders } from './loaders';
import { isNeighboursEmpty, seedNeighbours } from './seed';
// Resolvers in the order their operations are printed in the SDL (type-graphql lists Query and
// Mutation fields in the order the classes are declared).
import { OrganisationResolver, resolveOrganisation } from './organisation.resolver';
import { NeighbourServiceResolver, resolveNeighbourService } from './neighbour-service.resolver';
import { VolunteerResolver } from './volunteer.resolver';
import { RegionServicesResolver } from './region.resolver';
import { ResidentVolunteerResolver, resolveResident } from './resident.resolver';

/** 大邻居: organisations, the services they offer the residents around them, and volunteers. */
export const neighbours: Department<Db, Loaders, City> = {
  name: 'neighbours',
  code: 'COMMUNITY_SERVICES',
  resolvers: [OrganisationResolver, NeighbourServiceResolver, VolunteerResolver, RegionServicesResolver, ResidentVolunteerResolver],
  entities: {
    Organisation: resolveOrganisation,
    NeighbourService: resolveNeighbourService,
    Region: resolveReferenceById,
    Resident: resolveResident,
  },
  scopes: { Volunteer: volunteerScope, Resident: residentScope },
  database: prismaDatabase({
    sourceDir: __dirname,
    sqlite: PrismaClient,
    postgres: PostgresClient,
    isEmpty: isNeighboursEmpty,
    seed: seedNeighbours,
  }),
  loaders: createLoaders,
};
