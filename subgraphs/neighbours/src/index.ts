import { join } from 'node:path';
import { resolveReferenceById, type City, type Department } from '@liangling/kit';
import type { Db } from './context';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresClient } from './generated/prisma-pg/client';
import { createLoaders, type Loaders } from './loaders';
import { NeighbourServiceResolver, resolveNeighbourService } from './neighbour-service';
import { OrganisationResolver, resolveOrganisation } from './organisation';
import { RegionServicesResolver } from './region';
import { ResidentVolunteerResolver, residentScope, resolveResident } from './resident';
import { isNeighboursEmpty, seedNeighbours } from './seed';
import { VolunteerResolver, volunteerScope } from './volunteer';

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
  database: {
    prismaDir: join(__dirname, '..', 'prisma'),
    // The PostgreSQL twin's client has the same models as the SQLite one: one cast, here.
    connect: ({ provider, ...options }) => (provider === 'postgresql' ? (new PostgresClient(options) as unknown as Db) : new PrismaClient(options)),
    isEmpty: isNeighboursEmpty,
    seed: seedNeighbours,
  },
  loaders: createLoaders,
};
