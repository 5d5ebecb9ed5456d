import { join } from 'node:path';
import { departmentScope, DepartmentReference, RegionReference, resolveDepartmentReference, resolveReferenceById, type City, type Department } from '@liangling/kit';
import type { Db } from './context';
import { DepartmentPetitionPerformanceResolver } from './department';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresClient } from './generated/prisma-pg/client';
import { createLoaders, type Loaders } from './loaders';
import { OpinionResolver, opinionScope, resolveOpinion } from './opinion';
import { PETITIONS_OFFICE, PetitionResolver, resolvePetition } from './petition';
import { petitionFieldScope } from './petition-place';
import { PetitionPlaceResolver } from './petition-region';
import { RegionPetitionStatsResolver } from './region';
import { ResidentPetitionsResolver } from './resident';
import { ReviewWindowSweepResolver, reviewWindowSweepJob } from './review-sweep';
import { isPetitionsEmpty, seedPetitions } from './seed';

/**
 * 信访 + 民意: petitions under the statutory clocks of the 信访工作条例, and residents' public
 * opinions. Deadlines read `context.now()`, which the stack's `clock` option sets in tests.
 */
export const petitions: Department<Db, Loaders, City> = {
  name: 'petitions',
  code: PETITIONS_OFFICE,
  resolvers: [PetitionResolver, PetitionPlaceResolver, OpinionResolver, ResidentPetitionsResolver, RegionPetitionStatsResolver, DepartmentPetitionPerformanceResolver, ReviewWindowSweepResolver],
  // No field of this subgraph leads to them: the graph reaches them from the departments that own them.
  orphanedTypes: [RegionReference, DepartmentReference],
  entities: { Petition: resolvePetition, Opinion: resolveOpinion, Resident: resolveReferenceById, Region: resolveReferenceById, Department: resolveDepartmentReference },
  scopes: { Petition: petitionFieldScope, Opinion: opinionScope, Department: departmentScope },
  database: {
    prismaDir: join(__dirname, '..', 'prisma'),
    // The PostgreSQL twin's client has the same models as the SQLite one: one cast, here.
    connect: ({ provider, ...options }) => (provider === 'postgresql' ? (new PostgresClient(options) as unknown as Db) : new PrismaClient(options)),
    isEmpty: isPetitionsEmpty,
    seed: seedPetitions,
  },
  loaders: createLoaders,
  jobs: [reviewWindowSweepJob],
};
