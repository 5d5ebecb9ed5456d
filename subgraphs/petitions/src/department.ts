import { DepartmentReference as Department, PeriodInput, Sensitive, statsSecret } from '@liangling/kit';
import { Arg, Ctx, Field, FieldResolver, Float, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import {
  countedPeriod,
  parsePeriod,
  PetitionCount,
  protectedCells,
  rateOf,
  seesExactPetitionFigures,
  STAT_COLUMNS,
} from './stats';

@ObjectType({
  description:
    'How petitions about a department went. Exact for the petitions office; for everyone else (the department itself included) counts are protected like petition statistics and rates are computed from the protected counts.',
})
export class PetitionPerformance {
  @Field()
  exact!: boolean;

  @Field(() => Date, { nullable: true, description: 'Start of the period counted; null: since the first petition.' })
  from!: Date | null;

  @Field({ description: 'End of the period counted (exclusive); statuses as they stood then, or now if earlier.' })
  to!: Date;

  @Field(() => PetitionCount, { description: 'Petitions about the department received in the period.' })
  received!: PetitionCount;

  @Field(() => PetitionCount, { description: 'Of those, accepted for handling.' })
  accepted!: PetitionCount;

  @Field(() => PetitionCount, { description: 'Statutory deadlines (acceptance decisions, replies) that were met or had passed.' })
  deadlines!: PetitionCount;

  @Field(() => PetitionCount, { description: 'Of those, met on time.' })
  onTime!: PetitionCount;

  @Field(() => Float, { nullable: true, description: 'onTime / deadlines, 0 to 1; null when either is withheld or there were none.' })
  onTimeRate!: number | null;

  @Field(() => PetitionCount, { description: 'Closed petitions the petitioner rated.' })
  rated!: PetitionCount;

  @Field(() => Float, { nullable: true, description: 'Mean closing rating, 1 to 5; null when withheld or none.' })
  satisfaction!: number | null;
}

@Resolver(() => Department)
export class DepartmentPetitionPerformanceResolver {
  @FieldResolver(() => PetitionPerformance, { nullable: true, description: 'Petitions about this department: received, accepted, on time against the statutory clocks, satisfaction.' })
  @Sensitive({ level: 'INTERNAL' })
  async petitionPerformance(
    @Root() department: Department,
    @Ctx() context: Context,
    @Arg('period', () => PeriodInput, { nullable: true, description: 'Petitions received in this period; all time without it. Widened to whole ended months outside the petitions office.' })
    period: PeriodInput | null,
  ): Promise<PetitionPerformance> {
    const exact = seesExactPetitionFigures(context.caller);
    const counted = countedPeriod(parsePeriod(period), context.now(), exact, exact ? null : await context.loaders.firstReceivedAt());
    const [rows, secret] = await Promise.all([
      context.db.petition.findMany({
        where: { targetDepartment: department.code, receivedAt: { ...(counted.from ? { gte: counted.from } : {}), lt: counted.to } },
        select: STAT_COLUMNS,
      }),
      exact ? '' : statsSecret(context.db),
    ]);
    const cells = protectedCells(rows, counted, exact, secret, `department|${department.code}`, [], []);
    const { received, accepted, deadlinesJudged, deadlinesMet, rated, ratingSum } = cells as Record<string, PetitionCount>;
    return {
      exact,
      from: counted.from,
      to: counted.to,
      received: received!,
      accepted: accepted!,
      deadlines: deadlinesJudged!,
      onTime: deadlinesMet!,
      onTimeRate: rateOf(deadlinesMet!, deadlinesJudged!, 0, 1, 4),
      rated: rated!,
      satisfaction: rateOf(ratingSum!, rated!, 1, 5, 2),
    };
  }
}
