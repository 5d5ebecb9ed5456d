import { loaderByGroup, loaderById } from '@liangling/kit';
import DataLoader from 'dataloader';
import type { PrismaClient } from './generated/prisma/client';
import { firstReceivedAt, knownDepartments, STAT_COLUMNS, type StatRow } from './stats';

/** Petitions received in [from, to) (from null: since the first) from residents of a region. */
export interface RegionPeriod {
  readonly regionId: string;
  readonly from: Date | null;
  readonly to: Date;
}

/** Regions per statement of {@link statRowsByRegion}: SQLite refuses expressions nested deeper than 1000, and each region is one OR term. */
const REGIONS_PER_STATEMENT = 400;

export function createLoaders(db: PrismaClient) {
  return {
    petition: loaderById((ids) => db.petition.findMany({ where: { id: { in: ids } } })),
    /** A resident's petitions, newest first: one query for a whole page of residents. */
    petitionsByPetitioner: loaderByGroup(
      (residentIds) =>
        db.petition.findMany({ where: { petitionerId: { in: residentIds } }, orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }] }),
      (petition) => petition.petitionerId,
    ),
    opinion: loaderById((ids) => db.opinion.findMany({ where: { id: { in: ids } } })),
    /** The opinions each resident supports, for `supportedByMe` over a whole list in one query. */
    supportsByResident: loaderByGroup(
      (residentIds) => db.opinionSupport.findMany({ where: { residentId: { in: residentIds } } }),
      (support) => support.residentId,
    ),
    /** The statistics' rows of each region and period: one statement per period for a whole level of the map. */
    statRowsByRegion: statRowsByRegion(db),
    /** Read once per request however many regions or departments ask. */
    knownDepartments: once(() => knownDepartments(db)),
    firstReceivedAt: once(() => firstReceivedAt(db)),
  };
}

function once<T>(read: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= read());
}

function statRowsByRegion(db: PrismaClient) {
  return new DataLoader<RegionPeriod, StatRow[], string>(
    async (questions) => {
      const periods = new Map<string, RegionPeriod[]>();
      for (const question of questions) {
        const period = `${question.from?.toISOString() ?? ''}|${question.to.toISOString()}`;
        periods.set(period, [...(periods.get(period) ?? []), question]);
      }
      const answers = new Map<RegionPeriod, StatRow[]>(questions.map((question) => [question, []]));
      for (const asked of periods.values()) {
        const { from, to } = asked[0]!;
        const byRegion = new Map(asked.map((question) => [question.regionId, answers.get(question)!]));
        const ids = [...byRegion.keys()];
        const chunks: string[][] = [];
        for (let at = 0; at < ids.length; at += REGIONS_PER_STATEMENT) chunks.push(ids.slice(at, at + REGIONS_PER_STATEMENT));
        const found = await Promise.all(
          chunks.map((chunk) =>
            db.petition.findMany({
              where: {
                OR: chunk.map((id) => ({ regionPath: { contains: `/${id}/` } })),
                receivedAt: { ...(from ? { gte: from } : {}), lt: to },
              },
              select: { ...STAT_COLUMNS, id: true, regionPath: true },
            }),
          ),
        );
        const seen = new Set<string>();
        for (const { id, regionPath, ...row } of found.flat()) {
          if (seen.has(id)) continue;
          seen.add(id);
          // Each petition goes to every asked region on its path: a parent asked beside its children included.
          for (const regionId of regionPath.split('/')) byRegion.get(regionId)?.push(row);
        }
      }
      return questions.map((question) => answers.get(question)!);
    },
    { cacheKeyFn: (question) => `${question.regionId}|${question.from?.toISOString() ?? ''}|${question.to.toISOString()}` },
  );
}

export type Loaders = ReturnType<typeof createLoaders>;
