import { ListSize, pathIds, RegionReference, SMALL_CELL, statsSecret } from '@liangling/kit';
import { decide } from '@liangling/schema';
import { Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { OWNER_DEPARTMENT, type Context } from './context';
import { STATUSES } from './lifecycle';
import { RepairCategory, RequestStatus } from './repair-request';
import { computeFigures, type Figures } from './stats';

@ObjectType({ description: 'Requests of one status; `count` is null and `suppressed` true for a small cell the caller may not see.' })
export class StatusCount {
  @Field(() => RequestStatus)
  status!: RequestStatus;

  @Field(() => Int, { nullable: true })
  count!: number | null;

  @Field()
  suppressed!: boolean;
}

@ObjectType({ description: 'Requests of one category; `count` is null and `suppressed` true for a small cell the caller may not see.' })
export class CategoryCount {
  @Field(() => RepairCategory)
  category!: RepairCategory;

  @Field(() => Int, { nullable: true })
  count!: number | null;

  @Field()
  suppressed!: boolean;
}

@ObjectType({
  description:
    `Repair requests made in a region and how they were handled. Exact for callers cleared for PERSONAL data in the region; for everyone else a count of 1 to ${SMALL_CELL - 1} is null with \`suppressed: true\`, every other count is rounded to a multiple of 5 after keyed noise (the same protection as every department's statistics), and rates, averages and medians are worked out from those protected counts (null when their base is withheld).`,
})
export class RequestStats {
  @Field(() => Int, { nullable: true })
  total!: number | null;

  @Field()
  totalSuppressed!: boolean;

  @ListSize({ assumedSize: 7 })
  @Field(() => [StatusCount])
  byStatus!: StatusCount[];

  @ListSize({ assumedSize: 8 })
  @Field(() => [CategoryCount])
  byCategory!: CategoryCount[];

  @Field(() => Float, { nullable: true, description: 'Median hours from submission to resolution, over resolved requests.' })
  medianHoursToResolve!: number | null;

  @Field(() => Float, { nullable: true, description: 'Median hours from submission to first acceptance: the response time.' })
  medianHoursToAccept!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of resolved requests resolved within their first SLA, 0 to 1.' })
  onTimeRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Satisfaction: the average rating, 1 to 5.' })
  averageRating!: number | null;

  @Field(() => Int, { nullable: true })
  ratedCount!: number | null;

  @Field({ description: 'True when any figure was withheld for this caller.' })
  suppressed!: boolean;
}

export const CATEGORIES = Object.values(RepairCategory);

/** Maps the figures to the GraphQL shape. */
export function toRequestStats(figures: Figures): RequestStats {
  return {
    ...figures,
    byStatus: figures.byStatus.map((cell) => ({ status: cell.key as RequestStatus, count: cell.count, suppressed: cell.suppressed })),
    byCategory: figures.byCategory.map((cell) => ({ category: cell.key as RepairCategory, count: cell.count, suppressed: cell.suppressed })),
  };
}

/** The requests whose home lies under `path`: a range on the regionPath index, which a LIKE prefix would not use in SQLite. */
export const STAT_COLUMNS = { status: true, category: true, createdAt: true, acceptedAt: true, resolvedAt: true, resolvedOnTime: true, rating: true } as const;

/** The residents department's entity, seen from here: a key and the requests made in it. */
@Resolver(() => RegionReference)
export class RegionRequestStatsResolver {
  @FieldResolver(() => RequestStats, { nullable: true, description: 'Repair requests made in the region: counts by status and category, handling times, on-time rate, satisfaction. Null for a region this department does not know.' })
  async requestStats(@Root() region: RegionReference, @Ctx() context: Context): Promise<RequestStats | null> {
    const known = await context.loaders.regionPath.load(region.id);
    if (!known) return null;
    // Cleared: whoever would see a PERSONAL value of a request in this region (its staff, city management).
    const cleared = decide(context.caller, { level: 'PERSONAL', mask: 'NULL' }, { subjectIds: [], regionPath: pathIds(known.path), departments: [OWNER_DEPARTMENT] }) === 'REVEAL';
    // One statement for every region of the request (a whole level of the map), then the secret, read once per process.
    const [rows, secret] = await Promise.all([context.loaders.statRowsUnder.load(known.path), cleared ? '' : statsSecret(context.db)]);
    return toRequestStats(computeFigures(rows, { statuses: STATUSES, categories: CATEGORIES }, { exact: cleared, secret, key: `region|${region.id}` }));
  }
}
