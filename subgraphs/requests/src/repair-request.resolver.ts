import { randomUUID } from 'node:crypto';
import { checkDailySubmissions, invalidInput, ListSize, Sensitive, validate } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { visibleTo } from './access';
import type { Context } from './context';
import { defaultAssignee } from './dispatch';
import { RequestStatus, RequestTier } from './enums';
import type { RepairRequest as RepairRequestRow } from './generated/prisma/client';
import { JointTask } from './joint-task';
import { OPEN_STATUSES, type Status } from './lifecycle';
import { escalation, moveRequestById, recordEvent, resolution } from './moves';
import { BuildingReference, HouseholdReference, OrganisationReference, ResidentReference } from './references';
import { RepairRequest } from './repair-request';
import {
  noteSchema,
  organisationIdSchema,
  ratingSchema,
  submitRepairRequestSchema,
  SubmitRepairRequestInput,
} from './repair-request.inputs';
import { changeOf } from './request-change';
import { publishRequestChange } from './request-change-events';
import { slaDueAt, type Category } from './sla';
import { TimelineEntry } from './timeline';

export async function resolveRepairRequest(reference: { id?: unknown }, context: Context): Promise<RepairRequestRow | null> {
  const row = await context.loaders.request.load(String(reference.id));
  return row && visibleTo(context.caller, row) ? row : null;
}

@Resolver(() => RepairRequest)
export class RepairRequestResolver {
  @Query(() => RepairRequest, { nullable: true, description: 'One request; a partner organisation finds only those dispatched to it.' })
  async repairRequest(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<RepairRequestRow | null> {
    return resolveRepairRequest({ id }, context);
  }

  @Mutation(() => RepairRequest, { description: 'A resident reports a fault at home. Idempotent by `clientKey`.' })
  async submitRepairRequest(
    @Arg('input', () => SubmitRepairRequestInput) input: SubmitRepairRequestInput,
    @Ctx() context: Context,
  ): Promise<RepairRequestRow> {
    const { caller, db } = context;
    if (caller.role !== 'resident' || !caller.sub) throw codedError('FORBIDDEN', 'Only a signed-in resident can submit a repair request.');
    if (!caller.home?.length) throw codedError('FORBIDDEN', 'Your account has no registered home to send a repairer to.');
    const submission = validate(submitRepairRequestSchema, input);
    const submittedById = caller.sub;
    const key = { submittedById_clientKey: { submittedById, clientKey: submission.clientKey } };
    // A retry returns the first request, whatever else it says: the key names the submission.
    const existing = await db.repairRequest.findUnique({ where: key });
    if (existing) return existing;
    await checkDailySubmissions({
      kind: 'repair requests',
      limit: context.submissionsPerDay,
      now: context.now(),
      countSince: (since) => db.repairRequest.count({ where: { submittedById, createdAt: { gte: since } } }),
    });
    const regionPath = `/${caller.home.join('/')}/`;
    const place = await placeOf(context, regionPath, submission.householdId ?? undefined, submission.buildingId ?? undefined);
    const now = context.now();
    try {
      const { created, entry } = await db.$transaction(async (tx) => {
        const created = await tx.repairRequest.create({
          data: {
            id: `rr-${randomUUID()}`,
            clientKey: submission.clientKey,
            category: submission.category,
            description: submission.description,
            status: RequestStatus.SUBMITTED,
            submittedById,
            regionPath,
            contactPhone: submission.contactPhone,
            householdId: place.householdId ?? null,
            buildingId: place.buildingId ?? null,
            tier: RequestTier.COMMUNITY,
            slaDueAt: slaDueAt(submission.category, 'COMMUNITY', now),
            createdAt: now,
          },
        });
        const entry = await recordEvent(tx, {
          requestId: created.id,
          action: 'SUBMIT',
          from: null,
          to: { status: created.status, tier: created.tier },
          caller,
          now,
        });
        return { created, entry };
      });
      // Committed: the resident's other devices following their requests learn of it.
      publishRequestChange(changeOf(entry, created));
      return created;
    } catch (error) {
      // A concurrent retry with the same key won the unique index: its request is the one.
      const winner = await db.repairRequest.findUnique({ where: key });
      if (winner) return winner;
      throw error;
    }
  }

  @Mutation(() => RepairRequest, {
    description: 'Grid workers and community staff of its area (or officers of its tier) take a request on.',
  })
  acceptRepairRequest(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() context: Context,
  ): Promise<RepairRequestRow> {
    const now = context.now();
    return moveRequestById(context, {
      action: 'ACCEPT',
      requestId: id,
      note: validate(noteSchema, note, 'note'),
      prepare: (row) => ({ data: { acceptedAt: row.acceptedAt ?? now } }),
    });
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
    const named = validate(organisationIdSchema, organisationId, 'organisationId');
    return moveRequestById(context, {
      action: 'DISPATCH',
      requestId: id,
      note: validate(noteSchema, note, 'note'),
      prepare: (row) => {
        const assigneeId = named ?? defaultAssignee(row.category as Category, row.regionPath);
        if (!assigneeId) throw invalidInput('organisationId', `A ${row.category} request has no default organisation: name one.`);
        return { data: { assigneeId } };
      },
    });
  }

  @Mutation(() => RepairRequest, { description: 'The organisation it is dispatched to starts work.' })
  progressRepairRequest(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() context: Context,
  ): Promise<RepairRequestRow> {
    return moveRequestById(context, { action: 'PROGRESS', requestId: id, note: validate(noteSchema, note, 'note') });
  }

  @Mutation(() => RepairRequest, {
    description: 'The organisation it is dispatched to reports it repaired; not while a joint resolution is open.',
  })
  resolveRepairRequest(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() context: Context,
  ): Promise<RepairRequestRow> {
    const now = context.now();
    return moveRequestById(context, {
      action: 'RESOLVE',
      requestId: id,
      note: validate(noteSchema, note, 'note'),
      prepare: async (row, tx) => {
        const open = await tx.jointTask.count({ where: { requestId: row.id, status: 'OPEN' } });
        if (open > 0) throw codedError('CONFLICT', `A joint resolution is open: ${open} department task(s) are not done.`);
        return { data: resolution(row, now) };
      },
    });
  }

  @Mutation(() => RepairRequest, { description: 'The resident confirms the repair: the request is closed.' })
  confirmRepairRequest(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() context: Context,
  ): Promise<RepairRequestRow> {
    const now = context.now();
    return moveRequestById(context, {
      action: 'CLOSE',
      requestId: id,
      note: validate(noteSchema, note, 'note'),
      prepare: () => ({ data: { closedAt: now } }),
    });
  }

  @Mutation(() => RepairRequest, { description: 'The resident rates a resolved or closed request, once: 1 (poor) to 5 (excellent).' })
  rateRepairRequest(
    @Arg('id', () => ID) id: string,
    @Arg('rating', () => Int) rating: number,
    @Arg('feedback', () => String, { nullable: true }) feedback: string | null,
    @Ctx() context: Context,
  ): Promise<RepairRequestRow> {
    const stars = validate(ratingSchema, rating, 'rating');
    const words = validate(noteSchema, feedback, 'feedback');
    return moveRequestById(context, {
      action: 'RATE',
      requestId: id,
      note: `rated ${stars}`,
      prepare: (row) => {
        if (row.rating !== null) throw codedError('CONFLICT', 'This request is already rated.');
        // Conditional on still being unrated: a rating leaves the status as it is, so the status guard alone would let two in.
        return { data: { rating: stars, feedback: words ?? null }, where: { rating: null } };
      },
    });
  }

  @Mutation(() => RepairRequest, {
    description: 'Passes a request up one tier now, before its SLA runs out: what the community cannot solve goes up quickly.',
  })
  escalateRepairRequest(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() context: Context,
  ): Promise<RepairRequestRow> {
    const now = context.now();
    return moveRequestById(context, {
      action: 'ESCALATE',
      requestId: id,
      note: validate(noteSchema, note, 'note'),
      prepare: (row) => escalation(row, now),
    });
  }

  @FieldResolver(() => ResidentReference, {
    nullable: true,
    description: 'The resident who submitted it: ties a person to a place and a fault, so as personal as the description.',
  })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'submittedById' })
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
    return (
      OPEN_STATUSES.includes(request.status as Status) && request.tier !== 'CITY' && request.slaDueAt.getTime() <= context.now().getTime()
    );
  }

  @ListSize({ assumedSize: 30 })
  @FieldResolver(() => [TimelineEntry], {
    nullable: true,
    description: 'Every transition, oldest first: who, when, from what to what, and why.',
  })
  @Sensitive({ level: 'INTERNAL', owner: 'submittedById' })
  timeline(@Root() request: RepairRequestRow, @Ctx() context: Context) {
    return context.loaders.timeline.load(request.id);
  }

  @ListSize({ assumedSize: 20 })
  @FieldResolver(() => [JointTask], {
    nullable: true,
    description: 'The departments of a joint resolution (联合解决), each with its own task.',
  })
  @Sensitive({ level: 'INTERNAL', owner: 'submittedById' })
  jointTasks(@Root() request: RepairRequestRow, @Ctx() context: Context) {
    return context.loaders.jointTasks.load(request.id);
  }
}

/**
 * Where a request is: the household and building the resident names, checked against this
 * department's read model of the grid (prisma/schema.prisma) and the resident's registered home, the
 * only place the token vouches for.
 */
async function placeOf(
  context: Context,
  homePath: string,
  householdId: string | undefined,
  buildingId: string | undefined,
): Promise<{ householdId?: string; buildingId?: string }> {
  if (householdId) {
    const household = await context.db.household.findUnique({ where: { id: householdId } });
    if (!household || household.regionPath !== homePath) throw invalidInput('householdId', 'is not a household at your registered home');
    if (buildingId && buildingId !== household.buildingId) throw invalidInput('buildingId', 'is not the building of householdId');
    return { householdId, buildingId: household.buildingId };
  }
  if (buildingId) {
    const inBuilding = await context.db.household.findFirst({ where: { buildingId, regionPath: homePath }, select: { id: true } });
    if (!inBuilding) throw invalidInput('buildingId', 'is not a building in your home grid');
    return { buildingId };
  }
  return {};
}
