import { loaderByGroup, loaderById } from '@liangling/kit';
import type { Db } from './context';

export function createLoaders(db: Db) {
  return {
    request: loaderById((ids) => db.repairRequest.findMany({ where: { id: { in: ids } } })),
    /** A resident's requests, newest first: one query for a whole page of residents. */
    requestsBySubmitter: loaderByGroup(
      (residentIds) => db.repairRequest.findMany({ where: { submittedById: { in: residentIds } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
      (request) => request.submittedById,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
