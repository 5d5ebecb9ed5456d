import { DepartmentReference as Department, median, periodWithin, PeriodInput, roundTo, Sensitive } from '@liangling/kit';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { EnforcementPerformance } from './department-performance';
import { ENFORCEMENT } from './enums';

@Resolver(() => Department)
export class DepartmentPerformanceResolver {
  @FieldResolver(() => EnforcementPerformance, {
    nullable: true,
    description:
      "Cases opened and closed, and the median days to close, over an optional period (the same `PeriodInput` as every department's figures); null for any department but ENFORCEMENT.",
  })
  @Sensitive({ level: 'INTERNAL', mask: 'NULL' })
  async enforcementPerformance(
    @Root() department: Department,
    @Ctx() context: Context,
    @Arg('period', () => PeriodInput, { nullable: true, description: 'Cases registered (or closed) in this period; all time without it.' })
    period?: PeriodInput | null,
  ): Promise<EnforcementPerformance | null> {
    if (department.code !== ENFORCEMENT) return null;
    const within = periodWithin(period) ?? {};
    const [casesOpened, closed] = await Promise.all([
      context.db.enforcementCase.count({ where: { registeredAt: within } }),
      context.db.enforcementCase.findMany({
        where: { closedAt: { not: null, ...within } },
        select: { registeredAt: true, closedAt: true },
      }),
    ]);
    const days = closed.map((row) => ((row.closedAt as Date).getTime() - row.registeredAt.getTime()) / 86_400_000);
    return { casesOpened, casesClosed: closed.length, medianDaysToClose: roundTo(median(days), 1) };
  }
}
