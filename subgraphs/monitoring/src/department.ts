import { DepartmentReference as Department, median, parsePeriod, PeriodInput, roundTo, Sensitive } from '@liangling/kit';
import { Arg, Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from './context';

@ObjectType({ description: 'How a department handled the alerts routed to it that were raised in a period (监督考核).' })
export class AlertPerformance {
  @Field(() => Int)
  raised!: number;

  @Field(() => Int, { description: 'Of those raised, how many were acknowledged (resolved ones included).' })
  acknowledged!: number;

  @Field(() => Int)
  resolved!: number;

  @Field(() => Int, { description: 'Still OPEN: nobody has taken them on.' })
  open!: number;

  @Field(() => Float, { nullable: true, description: 'Median minutes from raising to acknowledging; null when none was acknowledged.' })
  medianMinutesToAcknowledge!: number | null;
}

@Resolver(() => Department)
export class DepartmentAlertsResolver {
  @FieldResolver(() => AlertPerformance, { nullable: true, description: 'Alerts routed to this department and raised in the period (all time without one).' })
  @Sensitive({ level: 'INTERNAL' })
  async alertPerformance(
    @Root() department: Department,
    @Ctx() context: Context,
    @Arg('period', () => PeriodInput, { nullable: true }) period?: PeriodInput,
  ): Promise<AlertPerformance> {
    const range = period ? parsePeriod(period) : undefined;
    const alerts = await context.db.alert.findMany({
      where: { department: department.code, ...(range ? { raisedAt: { gte: range.from, lt: range.to } } : {}) },
      select: { status: true, raisedAt: true, acknowledgedAt: true },
    });
    const minutes = alerts.flatMap((alert) => (alert.acknowledgedAt ? [(alert.acknowledgedAt.getTime() - alert.raisedAt.getTime()) / 60_000] : []));
    return {
      raised: alerts.length,
      acknowledged: minutes.length,
      resolved: alerts.filter((alert) => alert.status === 'RESOLVED').length,
      open: alerts.filter((alert) => alert.status === 'OPEN').length,
      medianMinutesToAcknowledge: roundTo(median(minutes), 1),
    };
  }
}

