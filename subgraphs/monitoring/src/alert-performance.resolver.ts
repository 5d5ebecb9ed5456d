import { DepartmentReference as Department, median, periodWithin, PeriodInput, roundTo, Sensitive } from '@liangling/kit';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AlertPerformance } from './alert-performance';
import type { Context } from './context';

@Resolver(() => Department)
export class AlertPerformanceResolver {
  @FieldResolver(() => AlertPerformance, {
    nullable: true,
    description: 'Alerts routed to this department and raised in the period (all time without one).',
  })
  @Sensitive({ level: 'INTERNAL' })
  async alertPerformance(
    @Root() department: Department,
    @Ctx() context: Context,
    @Arg('period', () => PeriodInput, { nullable: true }) period?: PeriodInput,
  ): Promise<AlertPerformance> {
    const within = periodWithin(period);
    const alerts = await context.db.alert.findMany({
      where: { department: department.code, ...(within ? { raisedAt: within } : {}) },
      select: { status: true, raisedAt: true, acknowledgedAt: true },
    });
    const minutes = alerts.flatMap((alert) =>
      alert.acknowledgedAt ? [(alert.acknowledgedAt.getTime() - alert.raisedAt.getTime()) / 60_000] : [],
    );
    return {
      raised: alerts.length,
      acknowledged: minutes.length,
      resolved: alerts.filter((alert) => alert.status === 'RESOLVED').length,
      open: alerts.filter((alert) => alert.status === 'OPEN').length,
      medianMinutesToAcknowledge: roundTo(median(minutes), 1),
    };
  }
}
