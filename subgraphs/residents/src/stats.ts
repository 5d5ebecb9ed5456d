import { ListSize, pathIds, protectCounts, Sensitive, statsSecret } from '@liangling/kit';
import { decide, type Caller } from '@liangling/schema';
import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import type { Region as RegionRow, RegionStats as RegionStatsRow } from './generated/prisma/client';
import type { Context, Db } from './context';
import { Region } from './region';

export enum AgeBand {
  UNDER_18 = 'UNDER_18',
  FROM_18_TO_59 = 'FROM_18_TO_59',
  FROM_60_TO_79 = 'FROM_60_TO_79',
  FROM_80 = 'FROM_80',
}
registerEnumType(AgeBand, { name: 'AgeBand', description: 'Age this calendar year (the year now minus the year of birth).' });

/** Ages of each band, inclusive. */
export const AGE_BANDS: Readonly<Record<AgeBand, readonly [number, number]>> = {
  [AgeBand.UNDER_18]: [0, 17],
  [AgeBand.FROM_18_TO_59]: [18, 59],
  [AgeBand.FROM_60_TO_79]: [60, 79],
  [AgeBand.FROM_80]: [80, 150],
};

@ObjectType({ description: 'One count of a statistic: exact for callers cleared for the region, otherwise rounded to a multiple of 5, and suppressed (null) when fewer than 5 people.' })
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
  @Field({ description: 'True when the counts are exact (the caller has PERSONAL clearance for the region); false when small cells are suppressed and the rest rounded to 5.' })
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

/**
 * Counts are protected with the kit's one method (`protectCounts`: 1–4 suppressed, the rest
 * round5(count + keyed Laplace noise), zero shown) keyed by the region and the cell's name, so that
 * differencing a parent and its children, or a total and its other bands, never pins a suppressed
 * cell. Exact counts go only to callers whom `decide()` lets see PERSONAL data in the region.
 */
/** True when the caller may see exact counts of the region: PERSONAL data there would be revealed to them. */
export function seesExactCounts(caller: Caller, region: RegionRow): boolean {
  return decide(caller, { level: 'PERSONAL', mask: 'NULL' }, { subjectIds: [], regionPath: pathIds(region.path) }) === 'REVEAL';
}

/** Counts by age band this year, out of counts by birth year. */
export function ageBandCounts(birthYears: Readonly<Record<string, number>>, year: number): Record<AgeBand, number> {
  const counts = { UNDER_18: 0, FROM_18_TO_59: 0, FROM_60_TO_79: 0, FROM_80: 0 } satisfies Record<AgeBand, number>;
  for (const [born, count] of Object.entries(birthYears)) {
    const age = year - Number(born);
    const band = (Object.keys(AGE_BANDS) as AgeBand[]).find((candidate) => age >= AGE_BANDS[candidate][0] && age <= AGE_BANDS[candidate][1]);
    if (band) counts[band] += count;
  }
  return counts;
}

@Resolver(() => Region)
export class RegionStatisticsResolver {
  @FieldResolver(() => RegionStatistics, {
    nullable: true,
    description: 'Population and housing: exact for the region’s own staff; for everyone else counts are rounded to 5 and cells of fewer than 5 people suppressed.',
  })
  async stats(@Root() region: RegionRow, @Ctx() context: Context): Promise<RegionStatistics | null> {
    const row = await context.loaders.regionStats.load(region.id);
    if (!row) return null;
    const exact = seesExactCounts(context.caller, region);
    const secret = exact ? '' : await statsSecret(context.db);
    const bands = ageBandCounts(JSON.parse(row.birthYears) as Record<string, number>, context.now().getUTCFullYear());
    const cells = protectCounts(
      { population: row.population, households: row.households, elderlyLivingAlone: row.elderlyLivingAlone, ...bands },
      { exact, secret, key: region.id },
    );
    return {
      exact,
      population: cells.population,
      households: cells.households,
      buildings: row.buildings,
      elderlyLivingAlone: cells.elderlyLivingAlone,
      ageBands: (Object.keys(bands) as AgeBand[]).map((band) => ({ band, count: cells[band] })),
    };
  }
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

type Tx = Pick<Db, 'regionStats'>;

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
  const changed = [...byRegion].filter(([, entry]) => entry.population || entry.households || entry.elderlyLivingAlone || [...entry.years.values()].some(Boolean));
  if (changed.length === 0) return;
  const rows = new Map((await tx.regionStats.findMany({ where: { regionId: { in: changed.map(([id]) => id) } } })).map((row) => [row.regionId, row]));
  for (const [regionId, entry] of changed) {
    const row: RegionStatsRow = rows.get(regionId) ?? { regionId, population: 0, households: 0, buildings: 0, elderlyLivingAlone: 0, birthYears: '{}' };
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
