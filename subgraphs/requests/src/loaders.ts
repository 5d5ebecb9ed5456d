import { loaderByGroup, loaderById } from '@liangling/kit';
import type { Db } from './context';
import { OPEN_STATUSES } from './lifecycle';

export function createLoaders(db: Db) {
  return {
    request: loaderById((ids) => db.repairRequest.findMany({ where: { id: { in: ids } } })),
    /** A resident's requests, newest first: one query for a whole page of residents. */
    requestsBySubmitter: loaderByGroup(
      (residentIds) => db.repairRequest.findMany({ where: { submittedById: { in: residentIds } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
      (request) => request.submittedById,
    ),
    /** A building's requests still being handled, oldest first (the longest waiting on top). */
    openRequestsByBuilding: loaderByGroup(
      (buildingIds) =>
        db.repairRequest.findMany({
          where: { buildingId: { in: buildingIds }, status: { in: [...OPEN_STATUSES] } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        }),
      (request) => request.buildingId ?? '',
    ),
    /** Every transition of a page of requests, in the order they happened. */
    timeline: loaderByGroup(
      (requestIds) => db.requestEvent.findMany({ where: { requestId: { in: requestIds } }, orderBy: { id: 'asc' } }),
      (event) => event.requestId,
    ),
    jointTasks: loaderByGroup(
      (requestIds) => db.jointTask.findMany({ where: { requestId: { in: requestIds } }, orderBy: [{ department: 'asc' }] }),
      (task) => task.requestId,
    ),
    regionPath: loaderById((ids) => db.region.findMany({ where: { id: { in: ids } } })),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
