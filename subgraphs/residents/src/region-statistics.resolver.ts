import { protectCounts, statsSecret } from '@liangling/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { clearedFor } from './access';
import type { Context } from './context';
import type { AgeBand } from './enums';
import type { Region as RegionRow } from './generated/prisma/client';
import { Region } from './region';
import { ageBandCounts, RegionStatistics } from './region-statistics';

/**
 * Counts are protected with the kit's one method (`protectCounts`: 1–4 suppressed, the rest
 * round5(count + keyed Laplace noise), zero shown) keyed by the region and the cell's name, so that
 * differencing a parent and its children, or a total and its other bands, never pins a suppressed
 * cell. Exact counts go only to callers whom `decide()` lets see PERSONAL data in the region (`clearedFor`).
 */
@Resolver(() => Region)
export class RegionStatisticsResolver {
  @FieldResolver(() => RegionStatistics, {
    nullable: true,
    description:
      'Population and housing: exact for the region’s own staff; for everyone else counts are rounded to 5 and cells of fewer than 5 people suppressed.',
  })
  async stats(@Root() region: RegionRow, @Ctx() context: Context): Promise<RegionStatistics | null> {
    const row = await context.loaders.regionStats.load(region.id);
    if (!row) return null;
    const exact = clearedFor(context.caller, 'PERSONAL', region);
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
