import { ListSize, protectCounts, type ProtectCountsOptions } from '@liangling/kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { CaseStatus, CaseType } from './enums';
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

/** Sums the cells of a region by type and by status, protected with the kit's `protectCounts` (exact when `protection.exact`). */
export function enforcementStats(
  cells: readonly CaseCount[],
  protection: Pick<ProtectCountsOptions, 'exact' | 'secret' | 'key'>,
): EnforcementStats {
  const types = Object.values(CaseType);
  const statuses = Object.values(CaseStatus);
  const counts: Record<string, number> = {
    total: 0,
    ...Object.fromEntries(
      [...types.map((type) => `type:${type}`), ...statuses.map((status) => `status:${status}`)].map((name) => [name, 0]),
    ),
  };
  for (const cell of cells) {
    counts['total']! += cell.count;
    if (`type:${cell.type}` in counts) counts[`type:${cell.type}`]! += cell.count;
    if (`status:${cell.status}` in counts) counts[`status:${cell.status}`]! += cell.count;
  }
  const shown = protectCounts(counts, protection);
  const total = shown['total']!;
  const byType = types.map((type) => ({ type, count: shown[`type:${type}`]!.value, suppressed: shown[`type:${type}`]!.suppressed }));
  const byStatus = statuses.map((status) => ({
    status,
    count: shown[`status:${status}`]!.value,
    suppressed: shown[`status:${status}`]!.suppressed,
  }));
  return {
    total: total.value,
    totalSuppressed: total.suppressed,
    byType,
    byStatus,
    suppressed: total.suppressed || [...byType, ...byStatus].some((cell) => cell.suppressed),
  };
}
