import { ListSize, Sensitive } from '@liangling/kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { AgeBand } from './enums';
import type { PrismaClient, RegionStats as RegionStatsRow } from './generated/prisma/client';

/** Ages of each band, inclusive. */
export const AGE_BANDS: Readonly<Record<AgeBand, readonly [number, number]>> = {
  [AgeBand.UNDER_18]: [0, 17],
  [AgeBand.FROM_18_TO_59]: [18, 59],
  [AgeBand.FROM_60_TO_79]: [60, 79],
  [AgeBand.FROM_80]: [80, 150],
};

@ObjectType({
  description:
    'One count of a statistic: exact for callers cleared for the region, otherwise rounded to a multiple of 5, and suppressed (null) when fewer than 5 people.',
})
export class StatCell {
  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' })
  value!: number | null;

  @Field({ description: 'True when the count was withheld because it is 1–4 people.' })
  suppressed!: boolean;
}

@ObjectType()
export class AgeBandCount {
  @Field(() => AgeBand)
  band!: AgeBand;

  @Field(() => StatCell)
  count!: StatCell;
}

@ObjectType({ description: 'Population and housing of a region, for the map’s drill-down.' })
export class RegionStatistics {
  @Field({
    description:
      'True when the counts are exact (the caller has PERSONAL clearance for the region); false when small cells are suppressed and the rest rounded to 5.',
  })
  exact!: boolean;

  @Field(() => StatCell)
  population!: StatCell;

  @Field(() => StatCell, { description: 'Households with at least one resident.' })
  households!: StatCell;

  @Field(() => Int, { description: 'Residential buildings: places, not people, so never suppressed.' })
  buildings!: number;

  @Field(() => StatCell, { description: 'Residents flagged elderly and living alone: public only as a protected count.' })
  @Sensitive({ level: 'PUBLIC' })
  elderlyLivingAlone!: StatCell;

  @ListSize({ assumedSize: 4 })
  @Field(() => [AgeBandCount])
  ageBands!: AgeBandCount[];
}

/** Counts by age band this year, out of counts by birth year. */
export function ageBandCounts(birthYears: Readonly<Record<string, number>>, year: number): Record<AgeBand, number> {
  const counts = { UNDER_18: 0, FROM_18_TO_59: 0, FROM_60_TO_79: 0, FROM_80: 0 } satisfies Record<AgeBand, number>;
  for (const [born, count] of Object.entries(birthYears)) {
    const age = year - Number(born);
    const band = (Object.keys(AGE_BANDS) as AgeBand[]).find(
      (candidate) => age >= AGE_BANDS[candidate][0] && age <= AGE_BANDS[candidate][1],
    );
    if (band) counts[band] += count;
  }
  return counts;
}

/** A change to the statistics of every region on a path (a grid's path: the city down to the grid). */
export interface StatsChange {
  readonly path: readonly string[];
  readonly population?: number;
  readonly households?: number;
  readonly elderlyLivingAlone?: number;
  /** Residents added (+1) or removed (−1) by birth year. */
  readonly birthYear?: { readonly year: string; readonly delta: number };
}

type Tx = Pick<PrismaClient, 'regionStats'>;

/**
 * Applies changes to the precomputed statistics inside the caller's transaction, so that the rows
 * always agree with the residents they count. Changes to a region common to both paths of a move
 * cancel out and are not written.
 */
export async function applyStatsChanges(tx: Tx, changes: readonly StatsChange[]): Promise<void> {
  const byRegion = new Map<string, { population: number; households: number; elderlyLivingAlone: number; years: Map<string, number> }>();
  for (const change of changes) {
    for (const regionId of change.path) {
      const entry = byRegion.get(regionId) ?? { population: 0, households: 0, elderlyLivingAlone: 0, years: new Map<string, number>() };
      entry.population += change.population ?? 0;
      entry.households += change.households ?? 0;
      entry.elderlyLivingAlone += change.elderlyLivingAlone ?? 0;
      if (change.birthYear) entry.years.set(change.birthYear.year, (entry.years.get(change.birthYear.year) ?? 0) + change.birthYear.delta);
      byRegion.set(regionId, entry);
    }
  }
  const changed = [...byRegion].filter(
    ([, entry]) => entry.population || entry.households || entry.elderlyLivingAlone || [...entry.years.values()].some(Boolean),
  );
  if (changed.length === 0) return;
  const rows = new Map(
    (await tx.regionStats.findMany({ where: { regionId: { in: changed.map(([id]) => id) } } })).map((row) => [row.regionId, row]),
  );
  for (const [regionId, entry] of changed) {
    const row: RegionStatsRow = rows.get(regionId) ?? {
      regionId,
      population: 0,
      households: 0,
      buildings: 0,
      elderlyLivingAlone: 0,
      birthYears: '{}',
    };
    const years = JSON.parse(row.birthYears) as Record<string, number>;
    for (const [year, delta] of entry.years) {
      const count = (years[year] ?? 0) + delta;
      if (count > 0) years[year] = count;
      else delete years[year];
    }
    const data = {
      population: row.population + entry.population,
      households: row.households + entry.households,
      elderlyLivingAlone: row.elderlyLivingAlone + entry.elderlyLivingAlone,
      birthYears: JSON.stringify(years),
    };
    await tx.regionStats.upsert({ where: { regionId }, create: { regionId, buildings: row.buildings, ...data }, update: data });
  }
}
