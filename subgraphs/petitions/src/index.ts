import {
  departmentScope,
  DepartmentReference,
  resolveDepartmentReference,
  resolveReferenceById,
  type City,
  type Department,
  prismaDatabase,
} from '@liangling/kit';
// The resolvers first, in this order: type-graphql prints types and fields in the order their
// classes are declared, so the order of these imports is the order of the printed schema.
import { PetitionResolver, resolvePetition } from './petition.resolver';
import { PetitionPerformanceResolver } from './petition-performance.resolver';
import { OpinionResolver, resolveOpinion } from './opinion.resolver';
import { PetitionStatsResolver } from './petition-stats.resolver';
import { ResidentPetitionsResolver } from './resident.resolver';
import { ReviewWindowSweepResolver } from './review-window-sweep.resolver';
import { opinionScope, PETITIONS_OFFICE, petitionFieldScope } from './access';
import type { Db } from './context';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresClient } from './generated/prisma-pg/client';
import { reviewWindowSweepJob } from './jobs/review-window-sweep';
import { createLoaders, type Loaders } from './loaders';
import { RegionReference } from './references';
import { isPetitionsEmpty, seedPetitions } from './seed';

/**
 * 信访 + 民意: petitions under the statutory clocks of the 信访工作条例, and residents' public
 * opinions. Deadlines read `context.now()`, which the stack's `clock` option sets in tests.
 */
export const petitions: Department<Db, Loaders, City> = {
  name: 'petitions',
  code: PETITIONS_OFFICE,
  resolvers: [
    PetitionResolver,
    OpinionResolver,
    ResidentPetitionsResolver,
    PetitionStatsResolver,
    PetitionPerformanceResolver,
    ReviewWindowSweepResolver,
  ],
  // No field of this subgraph leads to them: the graph reaches them from the departments that own them.
  orphanedTypes: [RegionReference, DepartmentReference],
  entities: {
    Petition: resolvePetition,
    Opinion: resolveOpinion,
    Resident: resolveReferenceById,
    Region: resolveReferenceById,
    Department: resolveDepartmentReference,
  },
  scopes: { Petition: petitionFieldScope, Opinion: opinionScope, Department: departmentScope },
  database: prismaDatabase({
    sourceDir: __dirname,
    sqlite: PrismaClient,
    postgres: PostgresClient,
    isEmpty: isPetitionsEmpty,
    seed: seedPetitions,
  }),
  loaders: createLoaders,
  jobs: [reviewWindowSweepJob],
};
