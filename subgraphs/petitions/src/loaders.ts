import { loaderByGroup, loaderById } from '@liangling/kit';
import type { Db } from './context';

export function createLoaders(db: Db) {
  return {
    petition: loaderById((ids) => db.petition.findMany({ where: { id: { in: ids } } })),
    /** A resident's petitions, newest first: one query for a whole page of residents. */
    petitionsByPetitioner: loaderByGroup(
      (residentIds) => db.petition.findMany({ where: { petitionerId: { in: residentIds } }, orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }] }),
      (petition) => petition.petitionerId,
    ),
    opinion: loaderById((ids) => db.opinion.findMany({ where: { id: { in: ids } } })),
    /** The opinions each resident supports, for `supportedByMe` over a whole list in one query. */
    supportsByResident: loaderByGroup(
      (residentIds) => db.opinionSupport.findMany({ where: { residentId: { in: residentIds } } }),
      (support) => support.residentId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
