import { DepartmentReference as Department, median, parsePeriod, PeriodInput, Sensitive } from '@liangling/kit';
import { Arg, Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { OWNER_DEPARTMENT, type Context } from './context';

@ObjectType({ description: 'How a department handled repair requests (its own, or its share of joint resolutions) made in a period.' })
export class RequestPerformance {
  @Field(() => Int, { description: 'Requests (for city management) or joint tasks (for any other department) in the period.' })
  handled!: number;

  @Field(() => Float, { nullable: true, description: 'Median hours to respond: submission to acceptance, or a joint task opened to done.' })
  medianResponseHours!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share done within the SLA, 0 to 1, over those finished.' })
  onTimeRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Satisfaction: the residents’ average rating, 1 to 5, of the requests it handled.' })
  satisfaction!: number | null;

  @Field(() => Int)
  ratedCount!: number;

  @Field(() => Int, { description: 'Requests escalated at least once (city management only; 0 otherwise).' })
  escalated!: number;
}

const HOUR = 3_600_000;
const round = (value: number | null, places = 2) => (value === null ? null : Math.round(value * 10 ** places) / 10 ** places);

@Resolver(() => Department)
export class DepartmentPerformanceResolver {
  @FieldResolver(() => RequestPerformance, {
    nullable: true,
    description: 'Repair-request performance: response time, on-time rate, satisfaction. City management answers for every request; other departments for their joint tasks.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async requestPerformance(
    @Root() department: Department,
    @Ctx() context: Context,
    @Arg('period', () => PeriodInput, { nullable: true, description: 'Requests made (or tasks opened) in this period; all time without it.' }) period: PeriodInput | null,
  ): Promise<RequestPerformance> {
    const range = period ? parsePeriod(period) : undefined;
    const within = range ? { gte: range.from, lt: range.to } : undefined;
    if (department.code === OWNER_DEPARTMENT) {
      const rows = await context.db.repairRequest.findMany({
        where: within ? { createdAt: within } : {},
        select: { createdAt: true, acceptedAt: true, resolvedOnTime: true, rating: true, escalations: true },
      });
      const judged = rows.filter((row) => row.resolvedOnTime !== null);
      const rated = rows.filter((row) => row.rating !== null);
      return {
        handled: rows.length,
        medianResponseHours: round(median(rows.filter((row) => row.acceptedAt).map((row) => (row.acceptedAt!.getTime() - row.createdAt.getTime()) / HOUR))),
        onTimeRate: judged.length ? round(judged.filter((row) => row.resolvedOnTime).length / judged.length, 4) : null,
        satisfaction: rated.length ? round(rated.reduce((sum, row) => sum + row.rating!, 0) / rated.length) : null,
        ratedCount: rated.length,
        escalated: rows.filter((row) => row.escalations > 0).length,
      };
    }
    const tasks = await context.db.jointTask.findMany({ where: { department: department.code, ...(within ? { openedAt: within } : {}) } });
    const done = tasks.filter((task) => task.doneAt);
    const requests = tasks.length ? await context.db.repairRequest.findMany({ where: { id: { in: tasks.map((task) => task.requestId) }, rating: { not: null } }, select: { rating: true } }) : [];
    return {
      handled: tasks.length,
      medianResponseHours: round(median(done.map((task) => (task.doneAt!.getTime() - task.openedAt.getTime()) / HOUR))),
      onTimeRate: done.length ? round(done.filter((task) => task.doneAt!.getTime() <= task.dueAt.getTime()).length / done.length, 4) : null,
      satisfaction: requests.length ? round(requests.reduce((sum, row) => sum + row.rating!, 0) / requests.length) : null,
      ratedCount: requests.length,
      escalated: 0,
    };
  }
}
