import { DepartmentReference as Department, parsePeriod, PeriodInput, Sensitive } from '@liangling/kit';
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
      medianMinutesToAcknowledge: median(minutes),
    };
  }
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return Math.round(value * 10) / 10;
}
