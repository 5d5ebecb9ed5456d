import { pathIds, SMALL_CELL, statsSecret } from '@liangling/kit';
import { decide } from '@liangling/schema';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { EnforcementStats, enforcementStats } from './enforcement-stats';
import { ENFORCEMENT } from './enums';
import { RegionReference } from './references';

/**
 * The residents department's entity, seen from here: a key and the enforcement figures under it.
 * Where a region lies comes from this department's read model of places (prisma/schema.prisma).
 */
@Resolver(() => RegionReference)
export class RegionEnforcementResolver {
  @FieldResolver(() => EnforcementStats, {
    description: `Enforcement cases here and below, by type and status (综合执法统计). Exact for those who may see personal data of the region's cases (its staff, enforcement officers); for everyone else a count of 1 to ${SMALL_CELL - 1} is withheld and every other count is rounded to a multiple of 5 after keyed noise (the same protection as every department's statistics), so that no one is singled out, by differencing neither.`,
  })
  async enforcementStats(@Root() region: RegionReference, @Ctx() context: Context): Promise<EnforcementStats> {
    const [known, cells] = await Promise.all([context.loaders.region.load(region.id), context.loaders.caseCounts.load(region.id)]);
    // The same question the requests and residents departments ask: would PERSONAL data of these cases be revealed?
    const exact =
      decide(
        context.caller,
        { level: 'PERSONAL', mask: 'NULL' },
        { subjectIds: [], regionPath: known ? pathIds(known.path) : [], departments: [ENFORCEMENT] },
      ) === 'REVEAL';
    return enforcementStats(cells, { exact, secret: exact ? '' : await statsSecret(context.db), key: `region|${region.id}` });
  }
}
