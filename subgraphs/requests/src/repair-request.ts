import { randomUUID } from 'node:crypto';
import { BuildingReference, ConnectionType, HouseholdReference, ListSize, OrganisationReference, pathIds, ResidentReference, Sensitive } from '@liangling/kit';
import { codedError, type Caller, type RowScope } from '@liangling/schema';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { RepairRequest as RepairRequestRow } from './generated/prisma/client';
import { OWNER_DEPARTMENT, type Context } from './context';
import { JointTask } from './joint-task';
import { OPEN_STATUSES, type Status } from './lifecycle';
import { slaDueAt, type Category } from './sla';
import { TimelineEntry } from './timeline';
import { escalation, recordEvent, refuse, transition, type Outcome, type TransitionInput } from './transitions';

export enum RepairCategory {
  WATER = 'WATER',
  POWER = 'POWER',
  GAS = 'GAS',
  HEATING = 'HEATING',
  PROPERTY = 'PROPERTY',
  SANITATION = 'SANITATION',
  ROAD = 'ROAD',
  OTHER = 'OTHER',
}
registerEnumType(RepairCategory, { name: 'RepairCategory', description: '水电气暖 and the rest of one-click repair.' });

export enum RequestStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  DISPATCHED = 'DISPATCHED',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
  ESCALATED = 'ESCALATED',
}
registerEnumType(RequestStatus, {
  name: 'RequestStatus',
  description: 'SUBMITTED → ACCEPTED → DISPATCHED → IN_PROGRESS → RESOLVED → CLOSED; ESCALATED when passed up a tier, to be accepted again there.',
});

export enum RequestTier {
  COMMUNITY = 'COMMUNITY',
  STREET = 'STREET',
  DISTRICT = 'DISTRICT',
  CITY = 'CITY',
}
registerEnumType(RequestTier, { name: 'RequestTier', description: 'Who answers for a request now (分级响应); CITY is the city management platform.' });

@ObjectType({ description: 'A one-click repair request (一键报修).' })
@Directive('@key(fields: "id")')
export class RepairRequest {
  @Field(() => ID)
  id!: string;

  @Field(() => RepairCategory)
  category!: RepairCategory;

  @Field(() => String, { nullable: true, description: 'What is wrong, in the resident’s words.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'submittedById' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'Where to call the resident back; revealed to the organisation the request is dispatched to.' })
  @Sensitive({ level: 'PERSONAL', mask: 'PHONE', owner: 'submittedById' })
  contactPhone!: string;

  @Field(() => RequestStatus)
  status!: RequestStatus;

  @Field(() => RequestTier)
  tier!: RequestTier;

  @Field({ description: 'When the current tier’s time runs out; after it the request goes up one tier.' })
  slaDueAt!: Date;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'First accepted: the end of the response time.' })
  acceptedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Confirmed by the resident.' })
  closedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The resident’s satisfaction, 1 to 5.' })
  @Sensitive({ level: 'INTERNAL', owner: 'submittedById' })
  rating!: number | null;

  @Field(() => String, { nullable: true, description: 'The resident’s words on the repair.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'submittedById' })
  feedback!: string | null;

  submittedById!: string;
  regionPath!: string;
}

/** A page of the requests dispatched to an organisation (`Organisation.assignedRequests`). */
export const AssignedRequestConnection = ConnectionType('AssignedRequest', RepairRequest);

/** Fields of a request the organisation it is dispatched to needs to do the job: it has to call. */
const ASSIGNEE_FIELDS: ReadonlySet<string> = new Set(['contactPhone']);

/**
 * Who and where a request is about: its submitter, at their home; city management's record, and the
 * departments of a joint resolution's. The organisation it is dispatched to covers only the fields
 * it needs (the contact phone), so a partner sees nothing else personal.
 */
export function requestScope(row: RepairRequestRow, field?: string): RowScope {
  const departments = [OWNER_DEPARTMENT, ...row.jointDepartments.split('/').filter(Boolean)];
  const scope: RowScope = { subjectIds: [row.submittedById], regionPath: pathIds(row.regionPath), departments };
  return field && ASSIGNEE_FIELDS.has(field) && row.assigneeId ? { ...scope, organisations: [row.assigneeId] } : scope;
}

/** A partner organisation sees only the requests dispatched to it; every other caller sees the row, its fields as `decide()` allows. */
export function visibleTo(caller: Caller, row: RepairRequestRow): boolean {
  return caller.role !== 'partner' || (!!caller.organisation && caller.organisation === row.assigneeId);
}

export async function resolveRepairRequest(reference: { id?: unknown }, context: Context): Promise<RepairRequestRow | null> {
  const row = await context.loaders.request.load(String(reference.id));
  return row && visibleTo(context.caller, row) ? row : null;
}

@InputType()
export class SubmitRepairRequestInput {
  @Field(() => RepairCategory)
  category!: RepairCategory;

  @Field({ description: '1 to 500 characters.' })
  description!: string;

  @Field({ description: 'A mainland mobile number to call back.' })
  contactPhone!: string;

  @Field({ description: 'The client’s idempotency key: submitting the same key again returns the first request.' })
  clientKey!: string;

  @Field(() => ID, { nullable: true, description: 'The household the fault is in (`me { household { id } }`); it must be at the resident’s registered home.' })
  householdId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The building, for a fault in its common parts (a stairwell light); with `householdId`, it must be that household’s building. Must be in the resident’s home grid.',
  })
  buildingId?: string | null;
}

const MOBILE = /^1[3-9]\d{9}$/;
const NOTE_MAX = 500;

/** The organisation a category goes to when the dispatcher names none. */
export function defaultAssignee(category: Category, regionPath: string): string | undefined {
  const street = pathIds(regionPath)[2];
  switch (category) {
    case 'WATER':
      return 'org-water';
    case 'POWER':
      return 'org-power';
    case 'GAS':
      return 'org-gas';
    case 'HEATING':
      return 'org-heating';
    case 'PROPERTY':
    case 'SANITATION':
      return street ? `org-property-${street}` : undefined;
    default:
      return undefined;
  }
}

/** Throws the coded error of a refusal (the API edge), or returns the value. */
export function orThrow<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw codedError(outcome.code, outcome.message, outcome.field ? { field: outcome.field } : undefined);
}

function checkNote(note: string | null | undefined, field = 'note'): string | undefined {
  if (note === null || note === undefined) return undefined;
  const trimmed = note.trim();
  if (trimmed.length > NOTE_MAX) throw codedError('BAD_USER_INPUT', `${field} must be at most ${NOTE_MAX} characters.`, { field });
  return trimmed || undefined;
}

async function move(context: Context, input: Omit<TransitionInput, 'caller' | 'now'>): Promise<RepairRequestRow> {
  return orThrow(await transition(context.db, { ...input, caller: context.caller, now: context.now() }));
}

@Resolver(() => RepairRequest)
export class RepairRequestResolver {
  @Query(() => RepairRequest, { nullable: true, description: 'One request; a partner organisation finds only those dispatched to it.' })
  async repairRequest(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<RepairRequestRow | null> {
    return resolveRepairRequest({ id }, context);
  }

  @Mutation(() => RepairRequest, { description: 'A resident reports a fault at home. Idempotent by `clientKey`.' })
  async submitRepairRequest(@Arg('input', () => SubmitRepairRequestInput) input: SubmitRepairRequestInput, @Ctx() context: Context): Promise<RepairRequestRow> {
    const { caller, db } = context;
    if (caller.role !== 'resident' || !caller.sub) throw codedError('FORBIDDEN', 'Only a signed-in resident can submit a repair request.');
    if (!caller.home?.length) throw codedError('FORBIDDEN', 'Your account has no registered home to send a repairer to.');
    const description = input.description.trim();
    if (description.length < 1 || description.length > 500) throw codedError('BAD_USER_INPUT', 'description must be 1 to 500 characters.', { field: 'description' });
    if (!MOBILE.test(input.contactPhone)) throw codedError('BAD_USER_INPUT', 'contactPhone must be a mainland mobile number (11 digits, 13x–19x).', { field: 'contactPhone' });
    if (!/^[\w.:-]{1,64}$/.test(input.clientKey)) throw codedError('BAD_USER_INPUT', 'clientKey must be 1 to 64 letters, digits or . _ : -', { field: 'clientKey' });
    const submittedById = caller.sub;
    const key = { submittedById_clientKey: { submittedById, clientKey: input.clientKey } };
    // A retry returns the first request, whatever else it says: the key names the submission.
    const existing = await db.repairRequest.findUnique({ where: key });
    if (existing) return existing;
    const regionPath = `/${caller.home.join('/')}/`;
    const place = orThrow(await placeOf(context, regionPath, input.householdId ?? undefined, input.buildingId ?? undefined));
    const now = context.now();
    try {
      return await db.$transaction(async (tx) => {
        const created = await tx.repairRequest.create({
          data: {
            id: `rr-${randomUUID()}`,
            clientKey: input.clientKey,
            category: input.category,
            description,
            status: RequestStatus.SUBMITTED,
            submittedById,
            regionPath,
            contactPhone: input.contactPhone,
            householdId: place.householdId ?? null,
            buildingId: place.buildingId ?? null,
            tier: RequestTier.COMMUNITY,
            slaDueAt: slaDueAt(input.category, 'COMMUNITY', now),
            createdAt: now,
          },
        });
        await recordEvent(tx, { row: null, after: created, action: 'SUBMIT', caller, now });
        return created;
      });
    } catch (error) {
      // A concurrent retry with the same key won the unique index: its request is the one.
      const winner = await db.repairRequest.findUnique({ where: key });
      if (winner) return winner;
      throw error;
    }
  }

  @Mutation(() => RepairRequest, { description: 'Grid workers and community staff of its area (or officers of its tier) take a request on.' })
  acceptRepairRequest(@Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true }) note: string | null, @Ctx() context: Context): Promise<RepairRequestRow> {
    const now = context.now();
    return move(context, { action: 'ACCEPT', requestId: id, note: checkNote(note), prepare: (row) => ({ data: { acceptedAt: row.acceptedAt ?? now } }) });
  }

  @Mutation(() => RepairRequest, {
    description:
      'Sends an accepted request to an organisation. Without `organisationId`: water, power, gas and heating to the city utility, property and sanitation to the street’s property company.',
  })
  dispatchRepairRequest(
    @Arg('id', () => ID) id: string,
    @Arg('organisationId', () => ID, { nullable: true }) organisationId: string | null | undefined,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() context: Context,
  ): Promise<RepairRequestRow> {
    if (organisationId != null && !/^org-[\w-]{1,80}$/.test(organisationId)) throw codedError('BAD_USER_INPUT', 'organisationId is not an organisation id.', { field: 'organisationId' });
    return move(context, {
      action: 'DISPATCH',
      requestId: id,
      note: checkNote(note),
      prepare: (row) => {
        const assigneeId = organisationId ?? defaultAssignee(row.category as Category, row.regionPath);
        if (!assigneeId) return refuse('BAD_USER_INPUT', `A ${row.category} request has no default organisation: name one.`, 'organisationId');
        return { data: { assigneeId } };
      },
    });
  }

  @Mutation(() => RepairRequest, { description: 'The organisation it is dispatched to starts work.' })
  progressRepairRequest(@Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true }) note: string | null, @Ctx() context: Context): Promise<RepairRequestRow> {
    return move(context, { action: 'PROGRESS', requestId: id, note: checkNote(note) });
  }

  @Mutation(() => RepairRequest, { description: 'The organisation it is dispatched to reports it repaired; not while a joint resolution is open.' })
  resolveRepairRequest(@Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true }) note: string | null, @Ctx() context: Context): Promise<RepairRequestRow> {
    const now = context.now();
    return move(context, {
      action: 'RESOLVE',
      requestId: id,
      note: checkNote(note),
      prepare: async (row, tx) => {
        const open = await tx.jointTask.count({ where: { requestId: row.id, status: 'OPEN' } });
        if (open > 0) return refuse('CONFLICT', `A joint resolution is open: ${open} department task(s) are not done.`);
        return { data: resolution(row, now) };
      },
    });
  }

  @Mutation(() => RepairRequest, { description: 'The resident confirms the repair: the request is closed.' })
  confirmRepairRequest(@Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true }) note: string | null, @Ctx() context: Context): Promise<RepairRequestRow> {
    const now = context.now();
    return move(context, { action: 'CLOSE', requestId: id, note: checkNote(note), prepare: () => ({ data: { closedAt: now } }) });
  }

  @Mutation(() => RepairRequest, { description: 'The resident rates a resolved or closed request, once: 1 (poor) to 5 (excellent).' })
  rateRepairRequest(
    @Arg('id', () => ID) id: string,
    @Arg('rating', () => Int) rating: number,
    @Arg('feedback', () => String, { nullable: true }) feedback: string | null,
    @Ctx() context: Context,
  ): Promise<RepairRequestRow> {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw codedError('BAD_USER_INPUT', 'rating must be 1 to 5.', { field: 'rating' });
    const words = checkNote(feedback, 'feedback');
    return move(context, {
      action: 'RATE',
      requestId: id,
      note: `rated ${rating}`,
      prepare: (row) => (row.rating !== null ? refuse('CONFLICT', 'This request is already rated.') : { data: { rating, feedback: words ?? null } }),
    });
  }

  @Mutation(() => RepairRequest, { description: 'Passes a request up one tier now, before its SLA runs out: what the community cannot solve goes up quickly.' })
  escalateRepairRequest(@Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true }) note: string | null, @Ctx() context: Context): Promise<RepairRequestRow> {
    const now = context.now();
    return move(context, { action: 'ESCALATE', requestId: id, note: checkNote(note), prepare: (row) => escalation(row, now) });
  }

  @FieldResolver(() => ResidentReference, { description: 'The resident who submitted it.' })
  submittedBy(@Root() request: RepairRequestRow): ResidentReference {
    return { id: request.submittedById };
  }

  @FieldResolver(() => HouseholdReference, { nullable: true, description: 'The household the fault is in, when the resident said.' })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'submittedById' })
  household(@Root() request: RepairRequestRow): HouseholdReference | null {
    return request.householdId ? { id: request.householdId } : null;
  }

  @FieldResolver(() => BuildingReference, { nullable: true, description: 'Where to send the repairer.' })
  @Sensitive({ level: 'INTERNAL', owner: 'submittedById' })
  building(@Root() request: RepairRequestRow): BuildingReference | null {
    return request.buildingId ? { id: request.buildingId } : null;
  }

  @FieldResolver(() => OrganisationReference, { nullable: true, description: 'The organisation the request is dispatched to.' })
  assignee(@Root() request: RepairRequestRow): OrganisationReference | null {
    return request.assigneeId ? { id: request.assigneeId } : null;
  }

  @FieldResolver(() => Boolean, { description: 'Still open past its SLA (the next sweep escalates it).' })
  overdue(@Root() request: RepairRequestRow, @Ctx() context: Context): boolean {
    return OPEN_STATUSES.includes(request.status as Status) && request.tier !== 'CITY' && request.slaDueAt.getTime() <= context.now().getTime();
  }

  @ListSize({ assumedSize: 30 })
  @FieldResolver(() => [TimelineEntry], { nullable: true, description: 'Every transition, oldest first: who, when, from what to what, and why.' })
  @Sensitive({ level: 'INTERNAL', owner: 'submittedById' })
  timeline(@Root() request: RepairRequestRow, @Ctx() context: Context) {
    return context.loaders.timeline.load(request.id);
  }

  @ListSize({ assumedSize: 20 })
  @FieldResolver(() => [JointTask], { nullable: true, description: 'The departments of a joint resolution (联合解决), each with its own task.' })
  @Sensitive({ level: 'INTERNAL', owner: 'submittedById' })
  jointTasks(@Root() request: RepairRequestRow, @Ctx() context: Context) {
    return context.loaders.jointTasks.load(request.id);
  }
}

/** What resolving changes: the time, and whether it was in time (its first tier’s SLA, never escalated). */
export function resolution(row: RepairRequestRow, now: Date) {
  return { resolvedAt: now, resolvedOnTime: row.escalations === 0 && now.getTime() <= row.slaDueAt.getTime() };
}

/**
 * Where a request is: the household and building the resident names, checked against this
 * department's read model of the grid (prisma/schema.prisma) and the resident's registered home, the
 * only place the token vouches for.
 */
async function placeOf(context: Context, homePath: string, householdId: string | undefined, buildingId: string | undefined): Promise<Outcome<{ householdId?: string; buildingId?: string }>> {
  if (householdId) {
    const household = await context.db.household.findUnique({ where: { id: householdId } });
    if (!household || household.regionPath !== homePath) return refuse('BAD_USER_INPUT', 'householdId is not a household at your registered home.', 'householdId');
    if (buildingId && buildingId !== household.buildingId) return refuse('BAD_USER_INPUT', 'buildingId is not the building of householdId.', 'buildingId');
    return { ok: true, value: { householdId, buildingId: household.buildingId } };
  }
  if (buildingId) {
    const inBuilding = await context.db.household.findFirst({ where: { buildingId, regionPath: homePath }, select: { id: true } });
    if (!inBuilding) return refuse('BAD_USER_INPUT', 'buildingId is not a building in your home grid.', 'buildingId');
    return { ok: true, value: { buildingId } };
  }
  return { ok: true, value: {} };
}

