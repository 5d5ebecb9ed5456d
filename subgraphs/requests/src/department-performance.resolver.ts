import { DepartmentReference as Department, median, periodWithin, PeriodInput, roundTo, Sensitive } from '@liangling/kit';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { OWNER_DEPARTMENT, type Context } from './context';
import { RequestPerformance } from './department-performance';

const HOUR = 3_600_000;

@Resolver(() => Department)
export class DepartmentPerformanceResolver {
  @FieldResolver(() => RequestPerformance, {
    nullable: true,
    description:
      'Repair-request performance: response time, on-time rate, satisfaction. City management answers for every request; other departments for their joint tasks.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async requestPerformance(
    @Root() department: Department,
    @Ctx() context: Context,
    @Arg('period', () => PeriodInput, {
      nullable: true,
      description: 'Requests made (or tasks opened) in this period; all time without it.',
    })
    period: PeriodInput | null,
  ): Promise<RequestPerformance> {
    const within = periodWithin(period);
    if (department.code === OWNER_DEPARTMENT) {
      const rows = await context.db.repairRequest.findMany({
        where: within ? { createdAt: within } : {},
        select: { createdAt: true, acceptedAt: true, resolvedOnTime: true, rating: true, escalations: true },
      });
      const judged = rows.filter((row) => row.resolvedOnTime !== null);
      const rated = rows.filter((row) => row.rating !== null);
      return {
        handled: rows.length,
        medianResponseHours: roundTo(
          median(rows.filter((row) => row.acceptedAt).map((row) => (row.acceptedAt!.getTime() - row.createdAt.getTime()) / HOUR)),
          2,
        ),
        onTimeRate: judged.length ? roundTo(judged.filter((row) => row.resolvedOnTime).length / judged.length, 4) : null,
        satisfaction: rated.length ? roundTo(rated.reduce((sum, row) => sum + row.rating!, 0) / rated.length, 2) : null,
        ratedCount: rated.length,
        escalated: rows.filter((row) => row.escalations > 0).length,
      };
    }
    const tasks = await context.db.jointTask.findMany({ where: { department: department.code, ...(within ? { openedAt: within } : {}) } });
    const done = tasks.filter((task) => task.doneAt);
    const requests = tasks.length
      ? await context.db.repairRequest.findMany({
          where: { id: { in: tasks.map((task) => task.requestId) }, rating: { not: null } },
          select: { rating: true },
        })
      : [];
    return {
      handled: tasks.length,
      medianResponseHours: roundTo(median(done.map((task) => (task.doneAt!.getTime() - task.openedAt.getTime()) / HOUR)), 2),
      onTimeRate: done.length
        ? roundTo(done.filter((task) => task.doneAt!.getTime() <= task.dueAt.getTime()).length / done.length, 4)
        : null,
      satisfaction: requests.length ? roundTo(requests.reduce((sum, row) => sum + row.rating!, 0) / requests.length, 2) : null,
      ratedCount: requests.length,
      escalated: 0,
    };
  }
}
