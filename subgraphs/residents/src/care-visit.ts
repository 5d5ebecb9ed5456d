import { randomUUID } from 'node:crypto';
import { ListSize, pathIds, Sensitive } from '@liangling/kit';
import { codedError, hasScope, type Caller, type RowScope } from '@liangling/schema';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { CareVisit as CareVisitRow } from './generated/prisma/client';
import type { Context } from './context';
import { Household, type HouseholdRecord } from './household';

export enum CareVisitStatus {
  PLANNED = 'PLANNED',
  CLOSED = 'CLOSED',
}
registerEnumType(CareVisitStatus, { name: 'CareVisitStatus', description: 'PLANNED (the assignee may visit within the window) → CLOSED (outcome recorded).' });

export enum CareVisitSource {
  PLANNED_BY_STAFF = 'PLANNED_BY_STAFF',
  CARE_ALERT = 'CARE_ALERT',
}
registerEnumType(CareVisitSource, { name: 'CareVisitSource' });

/** Longest window of one visit: a grant for a week at most, then a new plan. */
export const MAX_VISIT_WINDOW_MS = 7 * 24 * 3_600_000;

@ObjectType({
  description:
    'A care visit (走访) to a household, assigned to one grid worker with a window: while it is PLANNED and the window open it is what lets the assignee see the household’s SENSITIVE values under the purpose `care-visit`. Personal data of the household.',
})
export class CareVisit {
  @Field(() => ID)
  id!: string;

  @Field(() => CareVisitSource)
  source!: CareVisitSource;

  @Field(() => ID, { nullable: true, description: 'The early-warning alert the visit came from.' })
  alertId!: string | null;

  @Field(() => String, { nullable: true, description: 'Staff id of the grid worker who makes the visit.' })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'memberIds' })
  assigneeId!: string;

  @Field(() => String, { nullable: true, description: 'Why the visit is needed.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'memberIds' })
  reason!: string;

  @Field(() => Date, { nullable: true })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'memberIds' })
  windowStart!: Date;

  @Field(() => Date, { nullable: true })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'memberIds' })
  windowEnd!: Date;

  @Field(() => CareVisitStatus)
  status!: CareVisitStatus;

  @Field(() => String, { nullable: true, description: 'What the visit found, as the grid worker recorded it.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'memberIds' })
  outcome!: string | null;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  householdId!: string;
  regionPath!: string;
}

/** A visit row with the household's members, who are the subjects of the visit. */
export type CareVisitRecord = CareVisitRow & { readonly memberIds: readonly string[] };

/** Who and where a visit is about: the household's members, in its grid. */
export function careVisitScope(row: CareVisitRecord): RowScope {
  return { subjectIds: row.memberIds, regionPath: pathIds(row.regionPath) };
}

@InputType({ description: 'A care visit to plan: the household, who visits, why, and when.' })
export class PlanCareVisitInput {
  @Field(() => ID)
  householdId!: string;

  @Field(() => ID, { description: 'Staff id of the grid worker who will visit.' })
  assigneeId!: string;

  @Field({ description: '1 to 200 characters.' })
  reason!: string;

  @Field(() => Date)
  windowStart!: Date;

  @Field(() => Date, { description: 'After the start and at most 7 days after it.' })
  windowEnd!: Date;

  @Field(() => ID, { nullable: true, description: 'The care alert the visit answers: required when the early-warning engine plans it.' })
  alertId?: string;
}

/** Who may plan a visit to a household on this path: its community's staff, or the engine for a care alert. */
function planner(caller: Caller, path: readonly string[]): 'staff' | 'engine' | undefined {
  if (caller.role === 'community_staff' && path.some((id) => caller.regions.includes(id))) return 'staff';
  // The engine, for a care alert: its credential names the scope.
  if (hasScope(caller, 'care-visits:write') && caller.purpose === 'early-warning') return 'engine';
  return undefined;
}

async function withMembers(context: Context, row: CareVisitRow): Promise<CareVisitRecord> {
  const household = (await context.loaders.household.load(row.householdId)) as HouseholdRecord | null;
  return { ...row, memberIds: household?.memberIds ?? [] };
}

@Resolver(() => CareVisit)
export class CareVisitResolver {
  @Mutation(() => CareVisit, {
    nullable: true,
    description:
      'Plans a care visit: community staff of the household’s community, or the early-warning engine for a care alert (with `alertId`). Outside the planner’s jurisdiction: FORBIDDEN, nothing written.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async planCareVisit(@Arg('input', () => PlanCareVisitInput) input: PlanCareVisitInput, @Ctx() context: Context): Promise<CareVisitRecord> {
    const household = await context.db.household.findUnique({ where: { id: input.householdId } });
    if (!household) throw codedError('BAD_USER_INPUT', `There is no household ${input.householdId}.`, { field: 'householdId' });
    const by = planner(context.caller, pathIds(household.regionPath));
    if (!by) throw codedError('FORBIDDEN', 'Care visits are planned by the household’s community staff, or by the early-warning engine for a care alert.');
    const reason = input.reason.trim();
    if (reason.length < 1 || reason.length > 200) throw codedError('BAD_USER_INPUT', 'A reason has 1 to 200 characters.', { field: 'reason' });
    const assigneeId = input.assigneeId.trim();
    if (assigneeId.length < 1 || assigneeId.length > 64) throw codedError('BAD_USER_INPUT', 'An assignee is a staff id of 1 to 64 characters.', { field: 'assigneeId' });
    const start = input.windowStart.getTime();
    const end = input.windowEnd.getTime();
    if (!(end > start) || end - start > MAX_VISIT_WINDOW_MS) throw codedError('BAD_USER_INPUT', 'A window ends after it starts and lasts at most 7 days.', { field: 'windowEnd' });
    if (end <= context.now().getTime()) throw codedError('BAD_USER_INPUT', 'A window must end in the future.', { field: 'windowEnd' });
    if (by === 'engine' && !input.alertId) throw codedError('BAD_USER_INPUT', 'A visit planned by the engine names its care alert.', { field: 'alertId' });
    const row = await context.db.careVisit.create({
      data: {
        id: `cv-${randomUUID()}`,
        householdId: household.id,
        regionPath: household.regionPath,
        assigneeId,
        plannedBy: context.caller.sub ?? context.caller.role,
        source: by === 'engine' ? CareVisitSource.CARE_ALERT : CareVisitSource.PLANNED_BY_STAFF,
        alertId: input.alertId ?? null,
        reason,
        windowStart: input.windowStart,
        windowEnd: input.windowEnd,
        status: CareVisitStatus.PLANNED,
        createdAt: context.now(),
      },
    });
    return withMembers(context, row);
  }

  @Mutation(() => CareVisit, { nullable: true, description: 'Records what the visit found and closes it, which ends its grant: the assigned grid worker only.' })
  @Sensitive({ level: 'INTERNAL' })
  async recordCareVisitOutcome(@Arg('id', () => ID) id: string, @Arg('outcome') outcome: string, @Ctx() context: Context): Promise<CareVisitRecord> {
    const visit = await context.db.careVisit.findUnique({ where: { id } });
    // Someone else's visit and no visit look the same.
    if (!visit || visit.assigneeId !== context.caller.sub || context.caller.role !== 'grid_worker') throw codedError('NOT_FOUND', `There is no visit ${id} assigned to you.`, { argument: 'id' });
    const text = outcome.trim();
    if (text.length < 1 || text.length > 500) throw codedError('BAD_USER_INPUT', 'An outcome has 1 to 500 characters.', { field: 'outcome' });
    // Only a planned visit closes; the condition in the update makes two closings race safely.
    const closed = await context.db.careVisit.updateMany({ where: { id, status: CareVisitStatus.PLANNED }, data: { status: CareVisitStatus.CLOSED, outcome: text, closedAt: context.now() } });
    if (closed.count === 0) throw codedError('CONFLICT', `Visit ${id} is already closed.`);
    return withMembers(context, (await context.db.careVisit.findUnique({ where: { id } }))!);
  }

  @ListSize({ assumedSize: 100 })
  @Query(() => [CareVisit], { nullable: true, description: 'The calling grid worker’s planned visits, soonest window first (up to 100).' })
  @Sensitive({ level: 'INTERNAL' })
  async myCareVisits(@Ctx() context: Context): Promise<CareVisitRecord[]> {
    const { caller } = context;
    if (caller.role !== 'grid_worker' || !caller.sub) throw codedError('FORBIDDEN', 'Care visits are listed for the grid worker they are assigned to.');
    const rows = await context.db.careVisit.findMany({ where: { assigneeId: caller.sub, status: CareVisitStatus.PLANNED }, orderBy: [{ windowStart: 'asc' }, { id: 'asc' }], take: 100 });
    return Promise.all(rows.map((row) => withMembers(context, row)));
  }
}

@Resolver(() => Household)
export class HouseholdCareVisitResolver {
  @ListSize({ assumedSize: 50 })
  @FieldResolver(() => [CareVisit], { nullable: true, description: 'Care visits to the household, the newest 50: for its members and the staff of its grid.' })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'members' })
  async careVisits(@Root() household: HouseholdRecord, @Ctx() context: Context): Promise<CareVisitRecord[]> {
    // A household listed by its building comes without its members: they are the visits' subjects.
    const [rows, withMemberIds] = await Promise.all([
      context.loaders.careVisitsByHousehold.load(household.id),
      household.memberIds ? household : (context.loaders.household.load(household.id) as Promise<HouseholdRecord | null>),
    ]);
    return rows.slice(0, 50).map((row) => ({ ...row, memberIds: withMemberIds?.memberIds ?? [] }));
  }
}
