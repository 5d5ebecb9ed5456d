import { randomUUID } from 'node:crypto';
import { pathIds, Sensitive } from '@liangling/kit';
import { codedError, type RowScope } from '@liangling/schema';
import { Arg, Ctx, Field, ID, Mutation, ObjectType, Resolver, registerEnumType } from 'type-graphql';
import type { AssistanceApplication as ApplicationRow } from './generated/prisma/client';
import type { Context } from './context';
import type { HouseholdRecord } from './household';

export enum AssistanceKind {
  MINIMUM_LIVING = 'MINIMUM_LIVING',
  TEMPORARY_AID = 'TEMPORARY_AID',
  DISABILITY_SUPPORT = 'DISABILITY_SUPPORT',
  ELDERLY_CARE = 'ELDERLY_CARE',
}
registerEnumType(AssistanceKind, { name: 'AssistanceKind', description: '低保 (minimum living allowance), temporary aid, disability support, elderly care.' });

export enum AssistanceStatus {
  OPEN = 'OPEN',
  APPROVED = 'APPROVED',
  REFUSED = 'REFUSED',
}
registerEnumType(AssistanceStatus, { name: 'AssistanceStatus', description: 'OPEN (being assessed) → APPROVED | REFUSED.' });

@ObjectType({
  description:
    'An application for social assistance (社会救助) of a household, handled by one community staff member: while OPEN it is what lets the handler see the household’s SENSITIVE values under the purpose `social-assistance`. Personal data of the household.',
})
export class AssistanceApplication {
  @Field(() => ID)
  id!: string;

  @Field(() => AssistanceKind, { nullable: true })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'memberIds' })
  kind!: AssistanceKind;

  @Field(() => String, { nullable: true, description: 'The handler’s note.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'memberIds' })
  note!: string;

  @Field(() => AssistanceStatus)
  status!: AssistanceStatus;

  @Field()
  openedAt!: Date;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  regionPath!: string;
}

export type ApplicationRecord = ApplicationRow & { readonly memberIds: readonly string[] };

/** Who and where an application is about: the household's members, in its grid. */
export function applicationScope(row: ApplicationRecord): RowScope {
  return { subjectIds: row.memberIds, regionPath: pathIds(row.regionPath) };
}

@Resolver(() => AssistanceApplication)
export class AssistanceApplicationResolver {
  @Mutation(() => AssistanceApplication, {
    nullable: true,
    description: 'Opens an application for a household, handled by the caller: community staff of the household’s community only. Outside it: FORBIDDEN, nothing written.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async openAssistanceApplication(
    @Arg('householdId', () => ID) householdId: string,
    @Arg('kind', () => AssistanceKind) kind: AssistanceKind,
    @Arg('note') note: string,
    @Ctx() context: Context,
  ): Promise<ApplicationRecord> {
    const { caller } = context;
    const household = (await context.loaders.household.load(householdId)) as HouseholdRecord | null;
    if (!household) throw codedError('BAD_USER_INPUT', `There is no household ${householdId}.`, { field: 'householdId' });
    const path = pathIds(household.regionPath);
    if (caller.role !== 'community_staff' || !caller.sub || !path.some((id) => caller.regions.includes(id))) {
      throw codedError('FORBIDDEN', 'Assistance applications are opened by the household’s community staff.');
    }
    const text = note.trim();
    if (text.length < 1 || text.length > 500) throw codedError('BAD_USER_INPUT', 'A note has 1 to 500 characters.', { field: 'note' });
    const row = await context.db.assistanceApplication.create({
      data: { id: `aa-${randomUUID()}`, householdId, regionPath: household.regionPath, kind, handlerId: caller.sub, note: text, status: AssistanceStatus.OPEN, openedAt: context.now() },
    });
    return { ...row, memberIds: household.memberIds ?? [] };
  }

  @Mutation(() => AssistanceApplication, { nullable: true, description: 'Decides an open application, which ends its grant: its handler only.' })
  @Sensitive({ level: 'INTERNAL' })
  async decideAssistanceApplication(@Arg('id', () => ID) id: string, @Arg('approved') approved: boolean, @Ctx() context: Context): Promise<ApplicationRecord> {
    const row = await context.db.assistanceApplication.findUnique({ where: { id } });
    if (!row || row.handlerId !== context.caller.sub || context.caller.role !== 'community_staff') throw codedError('NOT_FOUND', `There is no application ${id} handled by you.`, { argument: 'id' });
    const status = approved ? AssistanceStatus.APPROVED : AssistanceStatus.REFUSED;
    const decided = await context.db.assistanceApplication.updateMany({ where: { id, status: AssistanceStatus.OPEN }, data: { status, decidedAt: context.now() } });
    if (decided.count === 0) throw codedError('CONFLICT', `Application ${id} is already decided.`);
    const household = (await context.loaders.household.load(row.householdId)) as HouseholdRecord | null;
    return { ...row, status, decidedAt: context.now(), memberIds: household?.memberIds ?? [] };
  }
}
