import { Sensitive } from '@liangling/kit';
import { codedError, type RowScope } from '@liangling/schema';
import { Arg, Ctx, Directive, Field, FieldResolver, Float, ID, InputType, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from './context';

/** The supervision office's department, seen from here: a key and how it handled its alerts. */
@ObjectType()
@Directive('@key(fields: "code")')
export class Department {
  @Field(() => ID)
  code!: string;
}

@InputType({ description: 'A half-open period [from, to) of ISO-8601 instants.' })
export class PeriodInput {
  @Field()
  from!: string;

  @Field()
  to!: string;
}

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

/** A department's figures are about the department, not about a person. */
export function departmentScope(department: Department): RowScope {
  return { subjectIds: [], departments: [department.code] };
}

export function resolveDepartment(reference: { code?: unknown }): Department {
  return { code: String(reference.code) };
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

function parsePeriod(period: PeriodInput): { from: Date; to: Date } {
  const from = new Date(period.from);
  const to = new Date(period.to);
  if (Number.isNaN(from.getTime())) throw codedError('BAD_USER_INPUT', 'period.from is not an ISO-8601 instant.', { field: 'period.from' });
  if (Number.isNaN(to.getTime())) throw codedError('BAD_USER_INPUT', 'period.to is not an ISO-8601 instant.', { field: 'period.to' });
  if (!(from < to)) throw codedError('BAD_USER_INPUT', 'period.from must be before period.to.', { field: 'period.from' });
  return { from, to };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return Math.round(value * 10) / 10;
}
