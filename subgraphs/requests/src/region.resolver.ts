import { statsSecret } from '@liangling/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { clearedForRegion } from './access';
import type { Context } from './context';
import { STATUSES } from './lifecycle';
import { RegionReference } from './references';
import { CATEGORIES, RequestStats, toRequestStats } from './request-stats';
import { computeFigures } from './stats';

/** The residents department's entity, seen from here: a key and the requests made in it. */
@Resolver(() => RegionReference)
export class RegionRequestStatsResolver {
  @FieldResolver(() => RequestStats, {
    nullable: true,
    description:
      'Repair requests made in the region: counts by status and category, handling times, on-time rate, satisfaction. Null for a region this department does not know.',
  })
  async requestStats(@Root() region: RegionReference, @Ctx() context: Context): Promise<RequestStats | null> {
    const known = await context.loaders.regionPath.load(region.id);
    if (!known) return null;
    const cleared = clearedForRegion(context.caller, known.path);
    // One statement for every region of the request (a whole level of the map), then the secret, read once per process.
    const [rows, secret] = await Promise.all([context.loaders.statRowsUnder.load(known.path), cleared ? '' : statsSecret(context.db)]);
    return toRequestStats(
      computeFigures(rows, { statuses: STATUSES, categories: CATEGORIES }, { exact: cleared, secret, key: `region|${region.id}` }),
    );
  }
}
