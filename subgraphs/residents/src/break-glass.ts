import { randomUUID } from 'node:crypto';
import { ListSize, pageArgs, pathIds, Sensitive } from '@liangling/kit';
import { codedError, SENSITIVE_PURPOSES, type Caller } from '@liangling/schema';
import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { BreakGlass as BreakGlassRow } from './generated/prisma/client';
import type { Context } from './context';
import type { HouseholdRecord } from './household';

/** How long a break-glass lets its caller see a household's SENSITIVE values under `emergency`. */
export const BREAK_GLASS_MS = 2 * 3_600_000;
export const EMERGENCY = 'emergency';

@ObjectType({
  description:
    'An emergency reveal without a prior record of work (break-glass): who opened it, for which household, why, and until when (two hours). Every value revealed under it is audited; auditors list them with `breakGlassReport`.',
})
export class BreakGlass {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  householdId!: string;

  @Field({ description: 'Token subject of the caller who opened it.' })
  actorSub!: string;

  @Field()
  actorRole!: string;

  @Field(() => String, { nullable: true })
  actorDepartment!: string | null;

  @Field({ description: 'The reason given, as written.' })
  reason!: string;

  @Field()
  openedAt!: Date;

  @Field()
  expiresAt!: Date;
}

/** True when the caller may break the glass on a household on this path: emergency declared, within their reach. */
function mayBreakGlass(caller: Caller, path: readonly string[]): boolean {
  if (caller.purpose !== EMERGENCY || !caller.sub || !SENSITIVE_PURPOSES[caller.role]?.includes(EMERGENCY)) return false;
  // Officers (the emergency department above all) act city-wide; grid and community staff in their own area.
  return caller.role === 'department_officer' ? !!caller.department : path.some((id) => caller.regions.includes(id));
}

@Resolver(() => BreakGlass)
export class BreakGlassResolver {
  @Mutation(() => BreakGlass, {
    nullable: true,
    description:
      'Opens a two-hour emergency reveal of one household’s SENSITIVE values for the caller, who must declare the purpose `emergency` and give a reason (10 to 500 characters; without one: BAD_USER_INPUT). Audited as break-glass, and listed for auditors.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async breakGlass(
    @Arg('householdId', () => ID) householdId: string,
    @Ctx() context: Context,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ): Promise<BreakGlassRow> {
    const { caller } = context;
    const text = (reason ?? '').trim();
    if (text.length < 10 || text.length > 500) throw codedError('BAD_USER_INPUT', 'A break-glass needs a reason of 10 to 500 characters.', { field: 'reason', argument: 'reason' });
    const household = (await context.loaders.household.load(householdId)) as HouseholdRecord | null;
    if (!household) throw codedError('BAD_USER_INPUT', `There is no household ${householdId}.`, { field: 'householdId' });
    if (!mayBreakGlass(caller, pathIds(household.regionPath))) {
      throw codedError('FORBIDDEN', 'A break-glass needs the purpose `emergency`, a role that may declare it, and the household within your reach.');
    }
    const now = context.now();
    const row = await context.db.breakGlass.create({
      data: {
        id: `bg-${randomUUID()}`,
        householdId,
        regionPath: household.regionPath,
        actorSub: caller.sub!,
        actorRole: caller.role,
        actorDepartment: caller.department ?? null,
        reason: text,
        openedAt: now,
        expiresAt: new Date(now.getTime() + BREAK_GLASS_MS),
      },
    });
    // The opening itself goes into the members' access logs, before the response leaves.
    context.reveals.add({ typeName: 'BreakGlass', field: 'break-glass', entityId: row.id, subjectIds: household.memberIds ?? [], path: [], mask: 'NULL' });
    return row;
  }

  @ListSize({ slicingArguments: ['first'], assumedSize: 100 })
  @Query(() => [BreakGlass], { nullable: true, description: 'Break-glass reveals opened in [from, to), newest first (up to 100 per page): auditors only.' })
  @Sensitive({ level: 'INTERNAL' })
  async breakGlassReport(
    @Ctx() context: Context,
    @Arg('from', () => Date, { nullable: true }) from?: Date,
    @Arg('to', () => Date, { nullable: true }) to?: Date,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ): Promise<BreakGlassRow[]> {
    if (context.caller.role !== 'auditor') throw codedError('FORBIDDEN', 'The break-glass report is for auditors.');
    const { take } = pageArgs(first, undefined);
    return context.db.breakGlass.findMany({
      where: { openedAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } },
      orderBy: [{ openedAt: 'desc' }, { id: 'asc' }],
      take,
    });
  }
}
