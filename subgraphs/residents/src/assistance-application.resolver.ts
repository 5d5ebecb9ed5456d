import { randomUUID } from 'node:crypto';
import { invalidInput, pathIds, Sensitive, transition, validate } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { handlesApplication, opensApplication } from './access';
import { AssistanceApplication, type ApplicationRecord } from './assistance-application';
import { applicationNoteSchema } from './assistance-application.inputs';
import type { Context } from './context';
import { AssistanceKind, AssistanceStatus } from './enums';
import { withMembers } from './household-members';
import { assistanceLifecycle } from './lifecycle';

@Resolver(() => AssistanceApplication)
export class AssistanceApplicationResolver {
  @Mutation(() => AssistanceApplication, {
    nullable: true,
    description:
      'Opens an application for a household, handled by the caller: community staff of the household’s community only. Outside it: FORBIDDEN, nothing written.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async openAssistanceApplication(
    @Arg('householdId', () => ID) householdId: string,
    @Arg('kind', () => AssistanceKind) kind: AssistanceKind,
    @Arg('note') note: string,
    @Ctx() context: Context,
  ): Promise<ApplicationRecord> {
    const text = validate(applicationNoteSchema, note, 'note');
    const { caller } = context;
    const household = await context.loaders.household.load(householdId);
    if (!household) throw invalidInput('householdId', `There is no household ${householdId}.`);
    if (!opensApplication(caller, pathIds(household.regionPath)))
      throw codedError('FORBIDDEN', 'Assistance applications are opened by the household’s community staff.');
    const row = await context.db.assistanceApplication.create({
      data: {
        id: `aa-${randomUUID()}`,
        householdId,
        regionPath: household.regionPath,
        kind,
        handlerId: caller.sub,
        note: text,
        status: AssistanceStatus.OPEN,
        openedAt: context.now(),
      },
    });
    return { ...row, memberIds: household.memberIds };
  }

  @Mutation(() => AssistanceApplication, {
    nullable: true,
    description: 'Decides an open application, which ends its grant: its handler only.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async decideAssistanceApplication(
    @Arg('id', () => ID) id: string,
    @Arg('approved') approved: boolean,
    @Ctx() context: Context,
  ): Promise<ApplicationRecord> {
    const row = await context.db.assistanceApplication.findUnique({ where: { id } });
    if (!row || !handlesApplication(context.caller, row))
      throw codedError('NOT_FOUND', `There is no application ${id} handled by you.`, { argument: 'id' });
    const decided = await transition(assistanceLifecycle, context.db, {
      action: approved ? 'approve' : 'refuse',
      row,
      update: (tx, guard) => tx.assistanceApplication.updateMany({ where: guard.where, data: { ...guard.data, decidedAt: context.now() } }),
      read: async (tx) => (await tx.assistanceApplication.findUnique({ where: { id } }))!,
    });
    return withMembers(context, decided);
  }
}
