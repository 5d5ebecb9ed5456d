import { randomUUID } from 'node:crypto';
import {
  checkDailySubmissions,
  connection,
  keysetAfter,
  keysetOrderBy,
  Sensitive,
  transition,
  validate,
  type ConnectionShape,
  type KeysetOrder,
} from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { canSee, isHandlingOfficer, isPetitioner, isPetitionsOfficer, mayListAllPetitions, PETITIONS_OFFICE } from './access';
import { extensionRefusal, isOverdue, MAX_EXTENSION_DAYS, MAX_REVIEWS, officeDueAt, reviewableUntil } from './clocks';
import type { Context } from './context';
import { PetitionChannel, PetitionStatus } from './enums';
import type { Petition as PetitionRow, Prisma } from './generated/prisma/client';
import { petitionLifecycle, type PetitionAction } from './lifecycle';
import { Petition, PetitionConnection } from './petition';
import {
  decisionSchema,
  extensionSchema,
  petitionerIdSchema,
  ratingSchema,
  RecordPetitionInput,
  recordPetitionSchema,
  replySchema,
  reviewConclusionSchema,
  SubmitPetitionInput,
  submitPetitionSchema,
} from './petition.inputs';
import { placeAndPeriod, streetOf } from './petition-place';
import { RegionReference, ResidentReference } from './references';

// Not found and not visible read the same, and name nobody: the id in hand may be a guess.
const NO_SUCH_PETITION = 'No such petition, or not one you may act on.';

/** The order of `petitions`: newest first. */
const NEWEST_FIRST: KeysetOrder = [
  ['receivedAt', 'desc'],
  ['id', 'desc'],
];

@Resolver(() => Petition)
export class PetitionResolver {
  @Query(() => Petition, {
    nullable: true,
    description: 'One petition, for its petitioner, the petitions office, the department it is about, and oversight.',
  })
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
    @Arg('regionId', () => ID, {
      nullable: true,
      description: 'Only petitions from residents of this region: the petitions office and the early-warning engine only.',
    })
    // Selecting by where petitioners live is reading `Petition.region`, row by row.
    @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'petitionerId', field: 'region' })
    regionId?: string | null,
    @Arg('from', () => Date, { nullable: true, description: 'Received at or after.' }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true, description: 'Received before (exclusive).' }) to?: Date | null,
  ): Promise<ConnectionShape<PetitionRow>> {
    const { caller } = context;
    const everything = mayListAllPetitions(caller);
    if (!everything && !(caller.role === 'department_officer' && caller.department))
      throw codedError('FORBIDDEN', 'Listing petitions is for officers and oversight.');
    const where: Prisma.PetitionWhereInput = {
      ...(everything ? {} : { targetDepartment: caller.department }),
      ...(status ? { status } : {}),
      ...placeAndPeriod(caller, regionId, from, to),
    };
    return connection(
      { first, after },
      {
        key: ['date', 'string'],
        keyOf: (row) => [row.receivedAt, row.id],
        load: ({ take, after: key }) =>
          context.db.petition.findMany({
            where: { AND: [where, keysetAfter<Prisma.PetitionWhereInput>(NEWEST_FIRST, key)] },
            orderBy: keysetOrderBy<Prisma.PetitionOrderByWithRelationInput>(NEWEST_FIRST),
            take,
          }),
      },
    );
  }

  @Mutation(() => Petition, {
    description:
      'A resident files a petition online. Idempotent by `clientKey`. Visits, letters and 12345 calls are recorded by the petitions office (`recordPetition`).',
  })
  async submitPetition(@Arg('input', () => SubmitPetitionInput) input: SubmitPetitionInput, @Ctx() context: Context): Promise<PetitionRow> {
    const { caller } = context;
    if (caller.role !== 'resident' || !caller.sub) throw codedError('FORBIDDEN', 'Only a signed-in resident can file a petition.');
    const checked = validate(submitPetitionSchema, input);
    const petitionerId = caller.sub;
    // A retry of a petition already filed is not a new one; only new online petitions count (one
    // recorded by the office from a visit or a call is never refused).
    const existing = await context.db.petition.findUnique({
      where: { petitionerId_clientKey: { petitionerId, clientKey: checked.clientKey } },
    });
    if (existing) return existing;
    await checkDailySubmissions({
      kind: 'online petitions',
      limit: context.submissionsPerDay,
      now: context.now(),
      countSince: (since) =>
        context.db.petition.count({ where: { petitionerId, channel: PetitionChannel.ONLINE, receivedAt: { gte: since } } }),
    });
    return this.create(context, { ...checked, petitionerId, regionPath: caller.home?.length ? `/${caller.home.join('/')}/` : '/' });
  }

  @Mutation(() => Petition, {
    description:
      'The petitions office records a petition received by visit, letter or the 12345 hotline, on behalf of the resident who made it. Idempotent by `clientKey` for that resident.',
  })
  async recordPetition(
    @Arg('input', () => RecordPetitionInput) input: RecordPetitionInput,
    @Arg('petitionerId', () => ID) petitionerId: string,
    @Ctx() context: Context,
  ): Promise<PetitionRow> {
    if (!isPetitionsOfficer(context.caller))
      throw codedError('FORBIDDEN', 'Only the petitions office records petitions on a resident’s behalf.');
    const { homeRegionId: regionPath, ...checked } = validate(recordPetitionSchema, input);
    return this.create(context, { ...checked, petitionerId: validate(petitionerIdSchema, petitionerId, 'petitionerId'), regionPath });
  }

  /** Writes a new petition, or finds the one the same petitioner and key made before. */
  private create(
    context: Context,
    petition: {
      channel: PetitionChannel;
      subject: string;
      content: string;
      targetDepartment: string;
      clientKey: string;
      petitionerId: string;
      regionPath: string;
    },
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

  @Mutation(() => Petition, {
    description: 'The petitions office accepts a petition or not (within 15 days of receipt); a refusal needs a reason.',
  })
  async decidePetition(
    @Arg('id', () => ID) id: string,
    @Arg('accept') accept: boolean,
    @Ctx() context: Context,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ): Promise<PetitionRow> {
    if (!isPetitionsOfficer(context.caller))
      throw codedError('FORBIDDEN', 'Only the petitions office decides whether to accept a petition.');
    const decision = validate(decisionSchema, { accept, reason });
    const row = await this.visible(id, context);
    return this.move(row, accept ? 'accept' : 'refuse', { decidedAt: context.now(), decisionReason: decision.reason ?? null }, context);
  }

  @Mutation(() => Petition, { description: 'The petitions office or the department it is about starts handling an accepted petition.' })
  async startHandling(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<PetitionRow> {
    const row = await this.forHandlingOfficer(id, context, 'Only the petitions office or the department concerned handles a petition.');
    return this.move(row, 'startHandling', { handlingAt: context.now() }, context);
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
    const extension = validate(extensionSchema, { days, reason });
    const row = await this.visible(id, context);
    if (petitionLifecycle.allows('extend', row.status)) {
      const refusal = extensionRefusal(row, context.now());
      if (refusal) throw codedError('CONFLICT', refusal);
    }
    // `extensionDays: null` in the update's condition keeps two concurrent extensions to one.
    return this.move(row, 'extend', { extensionDays: extension.days, extensionReason: extension.reason }, context, { extensionDays: null });
  }

  @Mutation(() => Petition, { description: 'The petitions office or the department concerned replies to a petition being handled.' })
  async replyToPetition(@Arg('id', () => ID) id: string, @Arg('reply') reply: string, @Ctx() context: Context): Promise<PetitionRow> {
    const text = validate(replySchema, { reply }).reply;
    const row = await this.forHandlingOfficer(id, context, 'Only the petitions office or the department concerned replies to a petition.');
    return this.move(row, 'reply', { reply: text, repliedAt: context.now(), repliedBy: context.caller.department ?? null }, context);
  }

  @Mutation(() => Petition, { description: 'The petitioner asks for a review (复查) within 30 days of the reply.' })
  async requestReview(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<PetitionRow> {
    const row = await this.forPetitioner(id, context, 'Only the petitioner can ask for a review.');
    const until = reviewableUntil(row);
    if (until && context.now().getTime() > until.getTime()) {
      throw codedError('CONFLICT', `A review could be asked for until ${until.toISOString()}, 30 days after the reply.`);
    }
    if (petitionLifecycle.allows('requestReview', row.status) && row.reviewCount >= MAX_REVIEWS) {
      throw codedError('CONFLICT', `This petition has had its ${MAX_REVIEWS} reviews (复查 and 复核); the matter is settled.`);
    }
    // The count in the condition keeps two concurrent requests to one review.
    return this.move(row, 'requestReview', { reviewRequestedAt: context.now(), reviewCount: row.reviewCount + 1 }, context, {
      reviewCount: row.reviewCount,
    });
  }

  @Mutation(() => Petition, {
    description:
      'The petitions office concludes a review: upheld closes the petition; not upheld gives `note` as the new reply and opens a new 30-day review window.',
  })
  async concludeReview(
    @Arg('id', () => ID) id: string,
    @Arg('upheld') upheld: boolean,
    @Ctx() context: Context,
    @Arg('note', () => String, {
      nullable: true,
      description: 'The conclusion; required when the reply is not upheld (it becomes the new reply).',
    })
    note?: string,
  ): Promise<PetitionRow> {
    if (!isPetitionsOfficer(context.caller)) throw codedError('FORBIDDEN', 'Only the petitions office concludes a review.');
    const text = validate(reviewConclusionSchema, { upheld, note }).note ?? null;
    const row = await this.visible(id, context);
    const at = context.now();
    const common = { reviewUpheld: upheld, reviewNote: text, reviewConcludedAt: at };
    return upheld
      ? this.move(row, 'upholdReview', { ...common, closedAt: at }, context)
      : this.move(row, 'overturnReview', { ...common, reply: text, repliedBy: PETITIONS_OFFICE }, context);
  }

  @Mutation(() => Petition, { description: 'The petitioner closes a replied petition and rates the handling, 1 to 5.' })
  async closePetition(
    @Arg('id', () => ID) id: string,
    @Arg('satisfaction', () => Int) satisfaction: number,
    @Ctx() context: Context,
  ): Promise<PetitionRow> {
    const rating = validate(ratingSchema, { satisfaction });
    const row = await this.forPetitioner(id, context, 'Only the petitioner can close and rate a petition.');
    return this.move(row, 'close', { satisfaction: rating.satisfaction, closedAt: context.now() }, context);
  }

  @FieldResolver(() => ResidentReference, {
    nullable: true,
    description: 'Who filed it: SECRET, for the petitions office and the petitioner only, never for the department concerned.',
  })
  @Sensitive({ level: 'SECRET', mask: 'NULL', owner: 'petitionerId' })
  petitioner(@Root() petition: PetitionRow): ResidentReference {
    return { id: petition.petitionerId };
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'The office’s next statutory deadline: the acceptance decision, then the reply.',
  })
  dueAt(@Root() petition: PetitionRow): Date | null {
    return officeDueAt(petition);
  }

  @FieldResolver(() => Boolean, { description: 'True when the office has let `dueAt` pass.' })
  overdue(@Root() petition: PetitionRow, @Ctx() context: Context): boolean {
    return isOverdue(petition, context.now());
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description:
      'Until when the petitioner may ask for a review: 30 days from the reply (or from a review’s new reply); set while REPLIED.',
  })
  reviewableUntil(@Root() petition: PetitionRow): Date | null {
    return reviewableUntil(petition);
  }

  @FieldResolver(() => RegionReference, {
    nullable: true,
    description:
      'The street (街道) the petition comes from: its petitioner’s home street. For the petitions office (and the petitioner) only: the department complained about gets null, since a place narrows down who complained.',
  })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'petitionerId' })
  region(@Root() petition: PetitionRow): RegionReference | null {
    const street = streetOf(petition.regionPath);
    return street ? { id: street } : null;
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
   * Takes an action through the lifecycle: refused with CONFLICT unless the petition's status allows
   * it, and written only if the status (and `condition`) still hold, so a concurrent change cannot slip past.
   */
  private move(
    row: PetitionRow,
    action: PetitionAction,
    data: Prisma.PetitionUpdateManyMutationInput,
    context: Context,
    condition: Prisma.PetitionWhereInput = {},
  ): Promise<PetitionRow> {
    return transition(petitionLifecycle, context.db, {
      action,
      row,
      update: (tx, guard) => tx.petition.updateMany({ where: { ...condition, ...guard.where }, data: { ...data, ...guard.data } }),
      read: (tx) => tx.petition.findUniqueOrThrow({ where: { id: row.id } }),
      settled: (moved) => context.loaders.petition.clear(moved.id).prime(moved.id, moved),
    });
  }
}

export function resolvePetition(reference: { id?: unknown }, context: Context): Promise<PetitionRow | null> {
  return context.loaders.petition.load(String(reference.id));
}
