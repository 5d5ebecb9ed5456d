import { ListSize, SMALL_CELL } from '@liangling/kit';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { RepairCategory, RequestStatus } from './enums';
import type { Figures } from './stats';

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
  description: `Repair requests made in a region and how they were handled. Exact for callers cleared for PERSONAL data in the region; for everyone else a count of 1 to ${SMALL_CELL - 1} is null with \`suppressed: true\`, every other count is rounded to a multiple of 5 after keyed noise (the same protection as every department's statistics), and rates, averages and medians are worked out from those protected counts (null when their base is withheld).`,
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
    byCategory: figures.byCategory.map((cell) => ({
      category: cell.key as RepairCategory,
      count: cell.count,
      suppressed: cell.suppressed,
    })),
  };
}
