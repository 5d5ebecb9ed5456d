import { DepartmentReference as Department, PeriodInput, Sensitive, statsSecret } from '@liangling/kit';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { PetitionPerformance } from './petition-performance';
import type { PetitionCount } from './petition-count';
import { protectedCells, questionOf, rateOf, STAT_COLUMNS } from './stats';

@Resolver(() => Department)
export class PetitionPerformanceResolver {
  @FieldResolver(() => PetitionPerformance, {
    nullable: true,
    description: 'Petitions about this department: received, accepted, on time against the statutory clocks, satisfaction.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async petitionPerformance(
    @Root() department: Department,
    @Ctx() context: Context,
    @Arg('period', () => PeriodInput, {
      nullable: true,
      description: 'Petitions received in this period; all time without it. Widened to whole ended months outside the petitions office.',
    })
    period: PeriodInput | null,
  ): Promise<PetitionPerformance> {
    const { exact, counted } = await questionOf(context.caller, context.now(), period, context.loaders.firstReceivedAt);
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
