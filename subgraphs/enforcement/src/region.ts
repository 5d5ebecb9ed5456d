import { ListSize, pathIds, protectCounts, type ProtectCountsOptions, RegionReference, SMALL_CELL, statsSecret } from '@liangling/kit';
import { decide } from '@liangling/schema';
import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { CaseStatus, CaseType, ENFORCEMENT } from './enums';
import type { CaseCount } from './loaders';

@ObjectType({ description: 'Cases of one type.' })
export class EnforcementTypeCount {
  @Field(() => CaseType)
  type!: CaseType;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' })
  count!: number | null;

  @Field({ description: 'True when the count is withheld from this caller (see `Region.enforcementStats`).' })
  suppressed!: boolean;
}

@ObjectType({ description: 'Cases in one status.' })
export class EnforcementStatusCount {
  @Field(() => CaseStatus)
  status!: CaseStatus;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' })
  count!: number | null;

  @Field({ description: 'True when the count is withheld from this caller (see `Region.enforcementStats`).' })
  suppressed!: boolean;
}

@ObjectType({ description: 'Enforcement cases in a region and every region under it, by type and by status.' })
export class EnforcementStats {
  @Field(() => Int, { nullable: true, description: 'All cases; null when suppressed.' })
  total!: number | null;

  @Field({ description: 'True when the total is withheld.' })
  totalSuppressed!: boolean;

  @ListSize({ assumedSize: 8 })
  @Field(() => [EnforcementTypeCount], { description: 'Every type, zeros included.' })
  byType!: EnforcementTypeCount[];

  @ListSize({ assumedSize: 5 })
  @Field(() => [EnforcementStatusCount], { description: 'Every status, zeros included.' })
  byStatus!: EnforcementStatusCount[];

  @Field({ description: 'True when some count was withheld because it would single out a few people.' })
  suppressed!: boolean;
}

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
    const exact = decide(context.caller, { level: 'PERSONAL', mask: 'NULL' }, { subjectIds: [], regionPath: known ? pathIds(known.path) : [], departments: [ENFORCEMENT] }) === 'REVEAL';
    return enforcementStats(cells, { exact, secret: exact ? '' : await statsSecret(context.db), key: `region|${region.id}` });
  }
}

/** Sums the cells of a region by type and by status, protected with the kit's `protectCounts` (exact when `protection.exact`). */
export function enforcementStats(cells: readonly CaseCount[], protection: Pick<ProtectCountsOptions, 'exact' | 'secret' | 'key'>): EnforcementStats {
  const types = Object.values(CaseType);
  const statuses = Object.values(CaseStatus);
  const counts: Record<string, number> = { total: 0, ...Object.fromEntries([...types.map((type) => `type:${type}`), ...statuses.map((status) => `status:${status}`)].map((name) => [name, 0])) };
  for (const cell of cells) {
    counts['total']! += cell.count;
    if (`type:${cell.type}` in counts) counts[`type:${cell.type}`]! += cell.count;
    if (`status:${cell.status}` in counts) counts[`status:${cell.status}`]! += cell.count;
  }
  const shown = protectCounts(counts, protection);
  const total = shown['total']!;
  const byType = types.map((type) => ({ type, count: shown[`type:${type}`]!.value, suppressed: shown[`type:${type}`]!.suppressed }));
  const byStatus = statuses.map((status) => ({ status, count: shown[`status:${status}`]!.value, suppressed: shown[`status:${status}`]!.suppressed }));
  return {
    total: total.value,
    totalSuppressed: total.suppressed,
    byType,
    byStatus,
    suppressed: total.suppressed || [...byType, ...byStatus].some((cell) => cell.suppressed),
  };
}
