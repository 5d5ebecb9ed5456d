import { loaderByGroup, loaderById } from '@liangling/kit';
import DataLoader from 'dataloader';
import { CaseSource } from './enums';
import { Prisma, type PrismaClient } from './generated/prisma/client';

/** One cell of a region's case counts. */
export interface CaseCount {
  readonly regionId: string;
  readonly type: string;
  readonly status: string;
  readonly count: number;
}

export function createLoaders(db: PrismaClient) {
  return {
    enforcementCase: loaderById((ids) => db.enforcementCase.findMany({ where: { id: { in: ids } } })),
    /** The case referred from a repair request, by the request's id. */
    caseByRequest: caseByOrigin(db, CaseSource.REQUEST_REFERRAL),
    /** The case referred from a petition, by the petition's id. */
    caseByPetition: caseByOrigin(db, CaseSource.PETITION_REFERRAL),
    /** The case referred from an early-warning alert, by the alert's id. */
    caseByAlert: caseByOrigin(db, CaseSource.ALERT),
    evidenceByCase: loaderByGroup(
      (caseIds) => db.evidenceNote.findMany({ where: { caseId: { in: caseIds } }, orderBy: [{ addedAt: 'asc' }, { id: 'asc' }] }),
      (note) => note.caseId,
    ),
    /** The read model of places (see prisma/schema.prisma). */
    region: loaderById((ids) => db.region.findMany({ where: { id: { in: ids } } })),
    building: loaderById((ids) => db.building.findMany({ where: { id: { in: ids } } })),
    /** Case counts by type and status under each region: one statement for a whole level of the map. */
    caseCounts: new DataLoader<string, CaseCount[]>(async (regionIds) => {
      const rows = await db.$queryRaw<{ regionId: string; type: string; status: string; count: number | bigint }[]>`
        SELECT r."id" AS "regionId", c."type" AS "type", c."status" AS "status", COUNT(*) AS "count"
        FROM "Region" r JOIN "EnforcementCase" c ON substr(c."regionPath", 1, length(r."path")) = r."path"
        WHERE r."id" IN (${Prisma.join([...regionIds])})
        GROUP BY r."id", c."type", c."status"`;
      return regionIds.map((id) => rows.filter((row) => row.regionId === id).map((row) => ({ ...row, count: Number(row.count) })));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

function caseByOrigin(db: PrismaClient, source: CaseSource) {
  return new DataLoader(async (originIds: readonly string[]) => {
    const rows = await db.enforcementCase.findMany({ where: { source, originId: { in: [...originIds] } } });
    const byOrigin = new Map(rows.map((row) => [row.originId, row]));
    return originIds.map((id) => byOrigin.get(id) ?? null);
  });
}
