import { randomUUID } from 'node:crypto';
import { invalidInput, ListSize, pathIds, Sensitive, validate } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { breaksGlass } from './access';
import { BREAK_GLASS_MS, BreakGlass } from './break-glass';
import { breakGlassReasonSchema, reportPageSchema } from './break-glass.inputs';
import type { Context } from './context';
import type { BreakGlass as BreakGlassRow } from './generated/prisma/client';

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
    const text = validate(breakGlassReasonSchema, reason, 'reason');
    const household = await context.loaders.household.load(householdId);
    if (!household) throw invalidInput('householdId', `There is no household ${householdId}.`);
    if (!breaksGlass(caller, pathIds(household.regionPath))) {
      throw codedError(
        'FORBIDDEN',
        'A break-glass needs the purpose `emergency`, a role that may declare it, and the household within your reach.',
      );
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
    context.reveals.add({
      typeName: 'BreakGlass',
      field: 'break-glass',
      entityId: row.id,
      subjectIds: household.memberIds,
      path: [],
      mask: 'NULL',
    });
    return row;
  }

  @ListSize({ slicingArguments: ['first'], assumedSize: 100 })
  @Query(() => [BreakGlass], {
    nullable: true,
    description: 'Break-glass reveals opened in [from, to), newest first (up to 100 per page): auditors only.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async breakGlassReport(
    @Ctx() context: Context,
    @Arg('from', () => Date, { nullable: true }) from?: Date,
    @Arg('to', () => Date, { nullable: true }) to?: Date,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ): Promise<BreakGlassRow[]> {
    const take = validate(reportPageSchema, first, 'first');
    if (context.caller.role !== 'auditor') throw codedError('FORBIDDEN', 'The break-glass report is for auditors.');
    return context.db.breakGlass.findMany({
      where: { openedAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } },
      orderBy: [{ openedAt: 'desc' }, { id: 'asc' }],
      take,
    });
  }
}
