import { join } from 'node:path';
import type { City, Department } from '@liangling/kit';
import type { Db } from './context';
import { PrismaClient } from './generated/prisma/client';
import { createLoaders, type Loaders } from './loaders';
import { OpinionResolver, opinionScope, resolveOpinion } from './opinion';
import { PETITIONS_OFFICE, PetitionResolver, petitionScope, resolvePetition } from './petition';
import { ResidentPetitionsResolver, resolveResident } from './resident';
import { isPetitionsEmpty, seedPetitions } from './seed';

/**
 * 信访 + 民意: petitions under the statutory clocks of the 信访工作条例, and residents' public
 * opinions. Deadlines read `context.now()`, which the stack's `clock` option sets in tests.
 */
export const petitions: Department<Db, Loaders, City> = {
  name: 'petitions',
  code: PETITIONS_OFFICE,
  resolvers: [PetitionResolver, OpinionResolver, ResidentPetitionsResolver],
  entities: { Petition: resolvePetition, Opinion: resolveOpinion, Resident: resolveResident },
  scopes: { Petition: petitionScope, Opinion: opinionScope },
  database: {
    prismaDir: join(__dirname, '..', 'prisma'),
    connect: (options) => new PrismaClient(options),
    isEmpty: isPetitionsEmpty,
    seed: seedPetitions,
  },
  loaders: createLoaders,
};
