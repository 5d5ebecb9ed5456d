import { randomUUID } from 'node:crypto';
import { invalidInput, ListSize, pathIds, Sensitive, transition, validate } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { carePlanner, visitsAsAssignee } from './access';
import { CareVisit, type CareVisitRecord } from './care-visit';
import { careVisitOutcomeSchema, PlanCareVisitInput, planCareVisitSchema } from './care-visit.inputs';
import type { Context } from './context';
import { CareVisitSource, CareVisitStatus } from './enums';
import { Household, type HouseholdRecord } from './household';
import { withMembers } from './household-members';
import { careVisitLifecycle } from './lifecycle';

@Resolver(() => CareVisit)
export class CareVisitResolver {
  @Mutation(() => CareVisit, {
    nullable: true,
    description:
      'Plans a care visit: community staff of the household’s community, or the early-warning engine for a care alert (with `alertId`). Outside the planner’s jurisdiction: FORBIDDEN, nothing written.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async planCareVisit(
    @Arg('input', () => PlanCareVisitInput) input: PlanCareVisitInput,
    @Ctx() context: Context,
  ): Promise<CareVisitRecord> {
    const plan = validate(planCareVisitSchema, input);
    if (plan.windowEnd.getTime() <= context.now().getTime()) throw invalidInput('windowEnd', 'A window must end in the future.');
    const household = await context.db.household.findUnique({ where: { id: plan.householdId } });
    if (!household) throw invalidInput('householdId', `There is no household ${plan.householdId}.`);
    const by = carePlanner(context.caller, pathIds(household.regionPath));
    if (!by)
      throw codedError(
        'FORBIDDEN',
        'Care visits are planned by the household’s community staff, or by the early-warning engine for a care alert.',
      );
    if (by === 'engine' && !plan.alertId) throw invalidInput('alertId', 'A visit planned by the engine names its care alert.');
    const row = await context.db.careVisit.create({
      data: {
        id: `cv-${randomUUID()}`,
        householdId: household.id,
        regionPath: household.regionPath,
        assigneeId: plan.assigneeId,
        plannedBy: context.caller.sub ?? context.caller.role,
        source: by === 'engine' ? CareVisitSource.CARE_ALERT : CareVisitSource.PLANNED_BY_STAFF,
        alertId: plan.alertId ?? null,
        reason: plan.reason,
        windowStart: plan.windowStart,
        windowEnd: plan.windowEnd,
        status: CareVisitStatus.PLANNED,
        createdAt: context.now(),
      },
    });
    return withMembers(context, row);
  }

  @Mutation(() => CareVisit, {
    nullable: true,
    description: 'Records what the visit found and closes it, which ends its grant: the assigned grid worker only.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async recordCareVisitOutcome(
    @Arg('id', () => ID) id: string,
    @Arg('outcome') outcome: string,
    @Ctx() context: Context,
  ): Promise<CareVisitRecord> {
    const text = validate(careVisitOutcomeSchema, outcome, 'outcome');
    const visit = await context.db.careVisit.findUnique({ where: { id } });
    // Someone else's visit and no visit look the same.
    if (!visit || !visitsAsAssignee(context.caller, visit))
      throw codedError('NOT_FOUND', `There is no visit ${id} assigned to you.`, { argument: 'id' });
    // Only a planned visit closes; the guarded write makes two closings race safely.
    const closed = await transition(careVisitLifecycle, context.db, {
      action: 'close',
      row: visit,
      update: (tx, guard) =>
        tx.careVisit.updateMany({ where: guard.where, data: { ...guard.data, outcome: text, closedAt: context.now() } }),
      read: async (tx) => (await tx.careVisit.findUnique({ where: { id } }))!,
    });
    return withMembers(context, closed);
  }

  @ListSize({ assumedSize: 100 })
  @Query(() => [CareVisit], { nullable: true, description: 'The calling grid worker’s planned visits, soonest window first (up to 100).' })
  @Sensitive({ level: 'INTERNAL' })
  async myCareVisits(@Ctx() context: Context): Promise<CareVisitRecord[]> {
    const { caller } = context;
    if (caller.role !== 'grid_worker' || !caller.sub)
      throw codedError('FORBIDDEN', 'Care visits are listed for the grid worker they are assigned to.');
    const rows = await context.db.careVisit.findMany({
      where: { assigneeId: caller.sub, status: CareVisitStatus.PLANNED },
      orderBy: [{ windowStart: 'asc' }, { id: 'asc' }],
      take: 100,
    });
    return Promise.all(rows.map((row) => withMembers(context, row)));
  }
}

@Resolver(() => Household)
export class HouseholdCareVisitResolver {
  @ListSize({ assumedSize: 50 })
  @FieldResolver(() => [CareVisit], {
    nullable: true,
    description: 'Care visits to the household, the newest 50: for its members and the staff of its grid.',
  })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'members' })
  async careVisits(@Root() household: HouseholdRecord, @Ctx() context: Context): Promise<CareVisitRecord[]> {
    // A household listed by its building comes without its members: they are the visits' subjects.
    const [rows, withMemberIds] = await Promise.all([
      context.loaders.careVisitsByHousehold.load(household.id),
      household.memberIds ? household : context.loaders.household.load(household.id),
    ]);
    return rows.slice(0, 50).map((row) => ({ ...row, memberIds: withMemberIds?.memberIds ?? [] }));
  }
}
