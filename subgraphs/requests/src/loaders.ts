import DataLoader from 'dataloader';
import type { RepairRequest } from './generated/prisma/client';
import type { Db } from './context';

export function createLoaders(db: Db) {
  return {
    request: new DataLoader<string, RepairRequest | null>(async (ids) => {
      const rows = new Map((await db.repairRequest.findMany({ where: { id: { in: [...ids] } } })).map((row) => [row.id, row]));
      return ids.map((id) => rows.get(id) ?? null);
    }),
    /** A resident's requests, newest first: one query for a whole page of residents. */
    requestsBySubmitter: new DataLoader<string, RepairRequest[]>(async (residentIds) => {
      const rows = await db.repairRequest.findMany({
        where: { submittedById: { in: [...residentIds] } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
      return residentIds.map((id) => rows.filter((row) => row.submittedById === id));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
