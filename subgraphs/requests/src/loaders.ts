import { loaderByGroup, loaderById, rowsWhereIn, underPath } from '@liangling/kit';
import DataLoader from 'dataloader';
import type { PrismaClient as Db, RepairRequest as RepairRequestRow } from './generated/prisma/client';
import { OPEN_STATUSES } from './lifecycle';
import { STAT_COLUMNS, type StatRow } from './stats';

/** Region paths per statement of {@link statRowsUnder}: SQLite refuses expressions nested deeper than 1000, and each path is one OR term. */
const PATHS_PER_STATEMENT = 400;

export function createLoaders(db: Db) {
  return {
    request: loaderById((ids) => db.repairRequest.findMany({ where: { id: { in: ids } } })),
    /** A resident's requests, newest first: one query for a whole page of residents. */
    requestsBySubmitter: loaderByGroup(
      (residentIds) =>
        rowsWhereIn<RepairRequestRow>(db, 'RepairRequest', 'submittedById', residentIds, [
          { column: 'createdAt', direction: 'DESC' },
          { column: 'id', direction: 'DESC' },
        ]),
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
    /** The statistics' rows of the requests under each region path: one statement for a whole level of the map. */
    statRowsUnder: statRowsUnder(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * Rows under each asked path (a region's path, "/"-ended), fetched with one range per path and handed
 * out by the ancestors of each row's own path, so that a parent asked beside its children costs nothing
 * more and every row is looked at a handful of times, not once per region.
 */
function statRowsUnder(db: Db) {
  return new DataLoader<string, StatRow[]>(async (paths) => {
    const byPath = new Map<string, StatRow[]>(paths.map((path) => [path, []]));
    const chunks: string[][] = [];
    for (let at = 0; at < paths.length; at += PATHS_PER_STATEMENT) chunks.push(paths.slice(at, at + PATHS_PER_STATEMENT));
    const found = await Promise.all(
      chunks.map((chunk) =>
        db.repairRequest.findMany({
          where: { OR: chunk.map((path) => ({ regionPath: underPath(path) })) },
          select: { ...STAT_COLUMNS, id: true, regionPath: true },
        }),
      ),
    );
    const seen = new Set<string>();
    for (const { id, regionPath, ...row } of found.flat()) {
      // Chunks may overlap (a parent in one, its child in another): count each request once per path.
      if (seen.has(id)) continue;
      seen.add(id);
      for (let end = regionPath.indexOf('/', 1); end !== -1; end = regionPath.indexOf('/', end + 1))
        byPath.get(regionPath.slice(0, end + 1))?.push(row);
    }
    return paths.map((path) => byPath.get(path)!);
  });
}
