import { randomUUID } from 'node:crypto';
import { ConnectionType, ResidentReference, Sensitive, pageArgs, toConnection, type ConnectionShape } from '@liangling/kit';
import { codedError, hasScope, type Caller, type RowScope } from '@liangling/schema';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { Petition as PetitionRow, Prisma } from './generated/prisma/client';
import type { Context } from './context';
import { extensionRefusal, isOverdue, MAX_EXTENSION_DAYS, MAX_REVIEWS, officeDueAt, reviewableUntil } from './clocks';
import { allows, PetitionStatus, TRANSITIONS, type PetitionAction } from './lifecycle';
import { placeAndPeriod } from './petition-place';

/** The petitions office (信访局): the department that owns this subgraph and alone knows petitioners. */
export const PETITIONS_OFFICE = 'PETITIONS';

export enum PetitionChannel {
  VISIT = 'VISIT',
  LETTER = 'LETTER',
  ONLINE = 'ONLINE',
  HOTLINE_12345 = 'HOTLINE_12345',
}
registerEnumType(PetitionChannel, { name: 'PetitionChannel', description: '走访, 来信, 网上信访, or the 12345 citizen hotline.' });
registerEnumType(PetitionStatus, {
  name: 'PetitionStatus',
  description: 'RECEIVED → ACCEPTED | NOT_ACCEPTED; ACCEPTED → HANDLING → REPLIED → REVIEW_REQUESTED → CLOSED (REPLIED → CLOSED too).',
});

@ObjectType({ description: 'A petition (信访事项). Who filed it is known to the petitions office and the petitioner only.' })
@Directive('@key(fields: "id")')
export class Petition {
  @Field(() => ID)
  id!: string;

  @Field(() => PetitionChannel)
  channel!: PetitionChannel;

  @Field(() => String, { nullable: true, description: 'What the petition is about, in a line.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'petitionerId' })
  subject!: string;

  @Field(() => String, { nullable: true, description: 'The petition itself, in the petitioner’s words.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'petitionerId' })
  content!: string;

  @Field({ description: 'Code of the department the petition is about, e.g. CITY_MANAGEMENT.' })
  targetDepartment!: string;

  @Field(() => PetitionStatus)
  status!: PetitionStatus;

  @Field()
  receivedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the office decided whether to accept it.' })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was accepted or not.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'petitionerId' })
  decisionReason!: string | null;

  @Field(() => Int, { nullable: true, description: 'Days the reply deadline was extended by (once, at most 30).' })
  extensionDays!: number | null;

  @Field(() => String, { nullable: true })
  extensionReason!: string | null;

  @Field(() => String, { nullable: true, description: 'The written reply (答复意见); after a review that did not uphold it, the new reply.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'petitionerId' })
  reply!: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the department that replied.' })
  repliedBy!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the statutory reply was first given (a review’s new reply does not move it).' })
  repliedAt!: Date | null;

  @Field(() => Int, { description: `Reviews asked for so far (复查, then 复核): at most ${MAX_REVIEWS}.` })
  reviewCount!: number;

  @Field(() => Boolean, { nullable: true, description: 'The last review’s outcome: true when the reply was upheld.' })
  reviewUpheld!: boolean | null;

  @Field(() => String, { nullable: true, description: 'The petitions office’s conclusion of the last review.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'petitionerId' })
  reviewNote!: string | null;

  @Field(() => Date, { nullable: true })
  reviewConcludedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The petitioner’s rating when closing, 1 to 5.' })
  satisfaction!: number | null;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  petitionerId!: string;
  regionPath!: string;
}

/**
 * Who a petition is about and whose record it is: the petitioner; the petitions office and the
 * department complained about. No region path on purpose: grid and community staff must not read
 * petitions that may be about them, so they see petition text masked like any other staff.
 */
export function petitionScope(row: PetitionRow): RowScope {
  return { subjectIds: [row.petitionerId], departments: [row.targetDepartment, PETITIONS_OFFICE] };
}

export function resolvePetition(reference: { id?: unknown }, context: Context): Promise<PetitionRow | null> {
  return context.loaders.petition.load(String(reference.id));
}

export function isPetitionsOfficer(caller: Caller): boolean {
  return caller.role === 'department_officer' && caller.department === PETITIONS_OFFICE;
}

function isPetitioner(caller: Caller, row: PetitionRow): boolean {
  return caller.role === 'resident' && !!caller.sub && caller.sub === row.petitionerId;
}

/** Officers who work the petition: the petitions office, and the department it is about. */
function isHandlingOfficer(caller: Caller, row: PetitionRow): boolean {
  return isPetitionsOfficer(caller) || (caller.role === 'department_officer' && !!caller.department && caller.department === row.targetDepartment);
}

/** Who may know that a petition exists at all; everyone else is told there is no such petition. */
function canSee(caller: Caller, row: PetitionRow): boolean {
  return isPetitioner(caller, row) || isHandlingOfficer(caller, row) || caller.role === 'auditor' || hasScope(caller, 'petitions:read');
}

// Not found and not visible read the same, and name nobody: the id in hand may be a guess.
const NO_SUCH_PETITION = 'No such petition, or not one you may act on.';

/** What every new petition says, however it comes in. */
@InputType()
class PetitionTextInput {
  @Field({ description: '1 to 100 characters.' })
  subject!: string;

  @Field({ description: '1 to 5000 characters.' })
  content!: string;

  @Field({ description: 'Code of the department the petition is about, e.g. CITY_MANAGEMENT.' })
  targetDepartment!: string;
}

@InputType()
export class SubmitPetitionInput extends PetitionTextInput {
  @Field(() => PetitionChannel, { defaultValue: PetitionChannel.ONLINE })
  channel!: PetitionChannel;

  @Field({ description: 'The client’s idempotency key: submitting the same key again returns the first petition.' })
  clientKey!: string;
}

@InputType({ description: 'A petition the petitions office takes in on a resident’s behalf: a visit, a letter or a 12345 call.' })
export class RecordPetitionInput extends PetitionTextInput {
  @Field(() => PetitionChannel, { description: 'VISIT, LETTER or HOTLINE_12345; residents file ONLINE petitions themselves.' })
  channel!: PetitionChannel;

  @Field({ description: 'The office’s idempotency key for this intake: recording the same key again returns the first petition.' })
  clientKey!: string;

  @Field(() => ID, { description: 'The petitioner’s home region, best their grid (e.g. `r-210103-1-1-1`): where the petition counts in statistics.' })
  homeRegionId!: string;
}

const PetitionConnection = ConnectionType('Petition', Petition);

/** Channels the office records for a resident; residents themselves file online. */
const OFFICE_CHANNELS: readonly PetitionChannel[] = [PetitionChannel.VISIT, PetitionChannel.LETTER, PetitionChannel.HOTLINE_12345];

/** The text fields of a new petition, trimmed and checked, naming the field that is wrong. */
function checkedPetition(input: SubmitPetitionInput | RecordPetitionInput): { subject: string; content: string } {
  const subject = input.subject.trim();
  const content = input.content.trim();
  if (subject.length < 1 || subject.length > 100) throw codedError('BAD_USER_INPUT', 'subject must be 1 to 100 characters.', { field: 'subject' });
  if (content.length < 1 || content.length > 5000) throw codedError('BAD_USER_INPUT', 'content must be 1 to 5000 characters.', { field: 'content' });
  if (!DEPARTMENT_CODE.test(input.targetDepartment)) {
    throw codedError('BAD_USER_INPUT', 'targetDepartment must be a department code such as CITY_MANAGEMENT.', { field: 'targetDepartment' });
  }
  if (!/^[\w.:-]{1,64}$/.test(input.clientKey)) throw codedError('BAD_USER_INPUT', 'clientKey must be 1 to 64 letters, digits or . _ : -', { field: 'clientKey' });
  return { subject, content };
}

/**
 * The path of a region from the city down, from its id: ids are built by the grid platform as the
 * district's code under the city's (`r-2101` → `r-210103`), then one `-n` per level below
 * (`r-210103-1-1-1` is a grid). Null when the id is not of that form.
 */
export function regionPathOf(regionId: string): string | null {
  const match = /^r-(\d{4})(\d{2})((?:-\d{1,3}){0,3})$/.exec(regionId);
  if (!match) return null;
  const [, city, district, below] = match;
  const path = [`r-${city}`, `r-${city}${district}`];
  for (const step of below!.split('-').filter(Boolean)) path.push(`${path[path.length - 1]}-${step}`);
  return `/${path.join('/')}/`;
}

const DEPARTMENT_CODE = /^[A-Z][A-Z_]{1,39}$/;

@Resolver(() => Petition)
export class PetitionResolver {
  @Query(() => Petition, { nullable: true, description: 'One petition, for its petitioner, the petitions office, the department it is about, and oversight.' })
  async petition(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<PetitionRow | null> {
    const row = await context.loaders.petition.load(id);
    return row && canSee(context.caller, row) ? row : null;
  }

  @Query(() => PetitionConnection, {
    description:
      'Petitions newest first: all of them for the petitions office and oversight, those about their department for other officers; narrowed to those received in [from, to), and, for the petitions office and the early-warning engine only, to those from a region (and everything under it).',
  })
  async petitions(
    @Ctx() context: Context,
    @Arg('status', () => PetitionStatus, { nullable: true }) status?: PetitionStatus,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('regionId', () => ID, { nullable: true, description: 'Only petitions from residents of this region: the petitions office and the early-warning engine only.' })
    regionId?: string | null,
    @Arg('from', () => Date, { nullable: true, description: 'Received at or after.' }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true, description: 'Received before (exclusive).' }) to?: Date | null,
  ): Promise<ConnectionShape<PetitionRow>> {
    const { caller } = context;
    const everything = isPetitionsOfficer(caller) || caller.role === 'auditor' || hasScope(caller, 'petitions:read');
    if (!everything && !(caller.role === 'department_officer' && caller.department)) throw codedError('FORBIDDEN', 'Listing petitions is for officers and oversight.');
    const { take, afterKey } = pageArgs(first, after);
    const where: Prisma.PetitionWhereInput = {
      ...(everything ? {} : { targetDepartment: caller.department }),
      ...(status ? { status } : {}),
      ...placeAndPeriod(caller, regionId, from, to),
    };
    if (afterKey) {
      const [at, id] = splitKey(afterKey);
      where.OR = [{ receivedAt: { lt: at } }, { receivedAt: at, id: { lt: id } }];
    }
    const rows = await context.db.petition.findMany({ where, orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }], take: take + 1 });
    return toConnection(rows, take, (row) => `${row.receivedAt.toISOString()}|${row.id}`);
  }

  @Mutation(() => Petition, { description: 'A resident files a petition online. Idempotent by `clientKey`. Visits, letters and 12345 calls are recorded by the petitions office (`recordPetition`).' })
  async submitPetition(@Arg('input', () => SubmitPetitionInput) input: SubmitPetitionInput, @Ctx() context: Context): Promise<PetitionRow> {
    const { caller } = context;
    if (caller.role !== 'resident' || !caller.sub) throw codedError('FORBIDDEN', 'Only a signed-in resident can file a petition.');
    if (input.channel !== PetitionChannel.ONLINE) {
      throw codedError('BAD_USER_INPUT', 'channel must be ONLINE: visits, letters and 12345 calls are recorded by the petitions office.', { field: 'channel' });
    }
    const checked = checkedPetition(input);
    return this.create(context, { ...input, ...checked, petitionerId: caller.sub, regionPath: caller.home?.length ? `/${caller.home.join('/')}/` : '/' });
  }

  @Mutation(() => Petition, { description: 'The petitions office records a petition received by visit, letter or the 12345 hotline, on behalf of the resident who made it. Idempotent by `clientKey` for that resident.' })
  async recordPetition(
    @Arg('input', () => RecordPetitionInput) input: RecordPetitionInput,
    @Arg('petitionerId', () => ID) petitionerId: string,
    @Ctx() context: Context,
  ): Promise<PetitionRow> {
    if (!isPetitionsOfficer(context.caller)) throw codedError('FORBIDDEN', 'Only the petitions office records petitions on a resident’s behalf.');
    if (!OFFICE_CHANNELS.includes(input.channel)) {
      throw codedError('BAD_USER_INPUT', `channel must be one of ${OFFICE_CHANNELS.join(', ')}: residents file ONLINE petitions themselves.`, { field: 'channel' });
    }
    const checked = checkedPetition(input);
    if (!/^p-\d{7}$/.test(petitionerId)) throw codedError('BAD_USER_INPUT', 'petitionerId must be a resident id such as p-0000001.', { argument: 'petitionerId' });
    const regionPath = regionPathOf(input.homeRegionId);
    if (!regionPath) throw codedError('BAD_USER_INPUT', 'homeRegionId must be a region id such as r-210103-1-1-1.', { field: 'homeRegionId' });
    return this.create(context, { ...input, ...checked, petitionerId, regionPath });
  }

  /** Writes a new petition, or finds the one the same petitioner and key made before. */
  private create(
    context: Context,
    petition: { channel: PetitionChannel; subject: string; content: string; targetDepartment: string; clientKey: string; petitionerId: string; regionPath: string },
  ): Promise<PetitionRow> {
    // The unique (petitioner, clientKey) index makes a retry, even a concurrent one, find the first petition.
    return context.db.petition.upsert({
      where: { petitionerId_clientKey: { petitionerId: petition.petitionerId, clientKey: petition.clientKey } },
      update: {},
      create: {
        id: `pt-${randomUUID()}`,
        clientKey: petition.clientKey,
        channel: petition.channel,
        subject: petition.subject,
        content: petition.content,
        petitionerId: petition.petitionerId,
        regionPath: petition.regionPath,
        targetDepartment: petition.targetDepartment,
        status: PetitionStatus.RECEIVED,
        receivedAt: context.now(),
      },
    });
  }

  @Mutation(() => Petition, { description: 'The petitions office accepts a petition or not (within 15 days of receipt); a refusal needs a reason.' })
  async decidePetition(
    @Arg('id', () => ID) id: string,
    @Arg('accept') accept: boolean,
    @Ctx() context: Context,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ): Promise<PetitionRow> {
    if (!isPetitionsOfficer(context.caller)) throw codedError('FORBIDDEN', 'Only the petitions office decides whether to accept a petition.');
    const why = reason?.trim() || null;
    if (!accept && !why) throw codedError('BAD_USER_INPUT', 'reason is required when a petition is not accepted.', { argument: 'reason' });
    if (why && why.length > 1000) throw codedError('BAD_USER_INPUT', 'reason must be at most 1000 characters.', { argument: 'reason' });
    const row = await this.visible(id, context);
    return this.change(row, accept ? 'accept' : 'refuse', { decidedAt: context.now(), decisionReason: why }, context);
  }

  @Mutation(() => Petition, { description: 'The petitions office or the department it is about starts handling an accepted petition.' })
  async startHandling(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<PetitionRow> {
    const row = await this.forHandlingOfficer(id, context, 'Only the petitions office or the department concerned handles a petition.');
    return this.change(row, 'startHandling', { handlingAt: context.now() }, context);
  }

  @Mutation(() => Petition, {
    description: `The petitions office extends the reply deadline, once, by 1 to ${MAX_EXTENSION_DAYS} days, with a reason, before it has passed.`,
  })
  async extendPetition(
    @Arg('id', () => ID) id: string,
    @Arg('days', () => Int) days: number,
    @Arg('reason') reason: string,
    @Ctx() context: Context,
  ): Promise<PetitionRow> {
    if (!isPetitionsOfficer(context.caller)) throw codedError('FORBIDDEN', 'Only the petitions office extends a reply deadline.');
    if (!Number.isInteger(days) || days < 1 || days > MAX_EXTENSION_DAYS) {
      throw codedError('BAD_USER_INPUT', `days must be 1 to ${MAX_EXTENSION_DAYS}.`, { argument: 'days' });
    }
    const why = reason.trim();
    if (why.length < 1 || why.length > 1000) throw codedError('BAD_USER_INPUT', 'reason must be 1 to 1000 characters.', { argument: 'reason' });
    const row = await this.visible(id, context);
    if (allows('extend', row.status)) {
      const refusal = extensionRefusal(row, context.now());
      if (refusal) throw codedError('CONFLICT', refusal);
    }
    // `extensionDays: null` in the update's condition keeps two concurrent extensions to one.
    return this.change(row, 'extend', { extensionDays: days, extensionReason: why }, context, { extensionDays: null });
  }

  @Mutation(() => Petition, { description: 'The petitions office or the department concerned replies to a petition being handled.' })
  async replyToPetition(@Arg('id', () => ID) id: string, @Arg('reply') reply: string, @Ctx() context: Context): Promise<PetitionRow> {
    const text = reply.trim();
    if (text.length < 1 || text.length > 5000) throw codedError('BAD_USER_INPUT', 'reply must be 1 to 5000 characters.', { argument: 'reply' });
    const row = await this.forHandlingOfficer(id, context, 'Only the petitions office or the department concerned replies to a petition.');
    return this.change(row, 'reply', { reply: text, repliedAt: context.now(), repliedBy: context.caller.department ?? null }, context);
  }

  @Mutation(() => Petition, { description: 'The petitioner asks for a review (复查) within 30 days of the reply.' })
  async requestReview(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<PetitionRow> {
    const row = await this.forPetitioner(id, context, 'Only the petitioner can ask for a review.');
    const until = reviewableUntil(row);
    if (until && context.now().getTime() > until.getTime()) {
      throw codedError('CONFLICT', `A review could be asked for until ${until.toISOString()}, 30 days after the reply.`);
    }
    if (allows('requestReview', row.status) && row.reviewCount >= MAX_REVIEWS) {
      throw codedError('CONFLICT', `This petition has had its ${MAX_REVIEWS} reviews (复查 and 复核); the matter is settled.`);
    }
    // The count in the condition keeps two concurrent requests to one review.
    return this.change(row, 'requestReview', { reviewRequestedAt: context.now(), reviewCount: row.reviewCount + 1 }, context, { reviewCount: row.reviewCount });
  }

  @Mutation(() => Petition, {
    description: 'The petitions office concludes a review: upheld closes the petition; not upheld gives `note` as the new reply and opens a new 30-day review window.',
  })
  async concludeReview(
    @Arg('id', () => ID) id: string,
    @Arg('upheld') upheld: boolean,
    @Ctx() context: Context,
    @Arg('note', () => String, { nullable: true, description: 'The conclusion; required when the reply is not upheld (it becomes the new reply).' }) note?: string,
  ): Promise<PetitionRow> {
    if (!isPetitionsOfficer(context.caller)) throw codedError('FORBIDDEN', 'Only the petitions office concludes a review.');
    const text = note?.trim() || null;
    if (!upheld && !text) throw codedError('BAD_USER_INPUT', 'note is required when the reply is not upheld: it is the new reply.', { argument: 'note' });
    if (text && text.length > 5000) throw codedError('BAD_USER_INPUT', 'note must be at most 5000 characters.', { argument: 'note' });
    const row = await this.visible(id, context);
    const at = context.now();
    const common = { reviewUpheld: upheld, reviewNote: text, reviewConcludedAt: at };
    return upheld
      ? this.change(row, 'upholdReview', { ...common, closedAt: at }, context)
      : this.change(row, 'overturnReview', { ...common, reply: text, repliedBy: PETITIONS_OFFICE }, context);
  }

  @Mutation(() => Petition, { description: 'The petitioner closes a replied petition and rates the handling, 1 to 5.' })
  async closePetition(@Arg('id', () => ID) id: string, @Arg('satisfaction', () => Int) satisfaction: number, @Ctx() context: Context): Promise<PetitionRow> {
    if (!Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > 5) {
      throw codedError('BAD_USER_INPUT', 'satisfaction must be 1 to 5.', { argument: 'satisfaction' });
    }
    const row = await this.forPetitioner(id, context, 'Only the petitioner can close and rate a petition.');
    return this.change(row, 'close', { satisfaction, closedAt: context.now() }, context);
  }

  @FieldResolver(() => ResidentReference, {
    nullable: true,
    description: 'Who filed it: SECRET, for the petitions office and the petitioner only, never for the department concerned.',
  })
  @Sensitive({ level: 'SECRET', mask: 'NULL', owner: 'petitionerId' })
  petitioner(@Root() petition: PetitionRow): ResidentReference {
    return { id: petition.petitionerId };
  }

  @FieldResolver(() => Date, { nullable: true, description: 'The office’s next statutory deadline: the acceptance decision, then the reply.' })
  dueAt(@Root() petition: PetitionRow): Date | null {
    return officeDueAt(petition);
  }

  @FieldResolver(() => Boolean, { description: 'True when the office has let `dueAt` pass.' })
  overdue(@Root() petition: PetitionRow, @Ctx() context: Context): boolean {
    return isOverdue(petition, context.now());
  }

  @FieldResolver(() => Date, { nullable: true, description: 'Until when the petitioner may ask for a review: 30 days from the reply (or from a review’s new reply); set while REPLIED.' })
  reviewableUntil(@Root() petition: PetitionRow): Date | null {
    return reviewableUntil(petition);
  }

  /** The petition, if the caller may know it exists. */
  private async visible(id: string, context: Context): Promise<PetitionRow> {
    const row = await context.loaders.petition.load(id);
    if (!row || !canSee(context.caller, row)) throw codedError('NOT_FOUND', NO_SUCH_PETITION);
    return row;
  }

  private async forHandlingOfficer(id: string, context: Context, refusal: string): Promise<PetitionRow> {
    if (context.caller.role !== 'department_officer') throw codedError('FORBIDDEN', refusal);
    const row = await context.loaders.petition.load(id);
    if (!row || !isHandlingOfficer(context.caller, row)) throw codedError('NOT_FOUND', NO_SUCH_PETITION);
    return row;
  }

  private async forPetitioner(id: string, context: Context, refusal: string): Promise<PetitionRow> {
    if (context.caller.role !== 'resident' || !context.caller.sub) throw codedError('FORBIDDEN', refusal);
    const row = await context.loaders.petition.load(id);
    if (!row || !isPetitioner(context.caller, row)) throw codedError('NOT_FOUND', NO_SUCH_PETITION);
    return row;
  }

  /**
   * Takes an action: refused with CONFLICT unless the petition's status allows it, and written only
   * if the status is still one the action starts from, so a concurrent change cannot slip past.
   */
  private async change(
    row: PetitionRow,
    action: PetitionAction,
    data: Prisma.PetitionUpdateManyMutationInput,
    context: Context,
    condition: Prisma.PetitionWhereInput = {},
  ): Promise<PetitionRow> {
    const { from, to } = TRANSITIONS[action];
    const refuse = () => codedError('CONFLICT', `A petition that is ${row.status} cannot be ${PAST[action]}; that needs ${from.join(' or ')}.`, { status: row.status });
    if (!allows(action, row.status)) throw refuse();
    const { count } = await context.db.petition.updateMany({
      where: { ...condition, id: row.id, status: { in: [...from] } },
      data: { ...data, ...(to ? { status: to } : {}) },
    });
    context.loaders.petition.clear(row.id);
    if (count === 0) throw codedError('CONFLICT', 'The petition changed meanwhile; nothing was written. Read it again.');
    return context.db.petition.findUniqueOrThrow({ where: { id: row.id } });
  }
}

const PAST: Readonly<Record<PetitionAction, string>> = {
  accept: 'accepted',
  refuse: 'refused',
  startHandling: 'put into handling',
  extend: 'extended',
  reply: 'replied to',
  requestReview: 'put up for review',
  upholdReview: 'closed by a review',
  overturnReview: 'given a new reply by a review',
  close: 'closed',
  lapse: 'closed for a lapsed review window',
};

function splitKey(key: string): [Date, string] {
  const bar = key.indexOf('|');
  const at = new Date(key.slice(0, bar));
  if (bar < 0 || Number.isNaN(at.getTime())) throw codedError('BAD_USER_INPUT', 'after is not a cursor this connection gave out.', { argument: 'after' });
  return [at, key.slice(bar + 1)];
}
