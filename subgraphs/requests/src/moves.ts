// Carries out what the lifecycle table (lifecycle.ts) allows, through the kit's one guarded write:
// each move in one transaction, conditional on the status AND the tier it was decided on (a request
// escalated meanwhile answers to other officers), with its timeline entry. Of two concurrent moves of
// one request the second finds it changed and is refused with CONFLICT, nothing written.
import { pathIds, transition, type Transactional } from '@liangling/kit';
import { codedError, type Caller } from '@liangling/schema';
import type { Context, Db } from './context';
import type { Prisma, RepairRequest as RepairRequestRow, RequestEvent as RequestEventRow } from './generated/prisma/client';
import {
  actorsOf,
  decideTransition,
  jointResolution,
  nextTier,
  requestLifecycle,
  type Action,
  type RequestFacts,
  type Status,
  type Tier,
} from './lifecycle';
import { changeOf } from './request-change';
import { publishRequestChange } from './request-change-events';
import { slaDueAt, type Category } from './sla';

export type Transaction = Prisma.TransactionClient;

/** What a move changes beyond the status, worked out from the row it was decided on. */
export interface Preparation {
  readonly data?: Prisma.RepairRequestUpdateManyMutationInput;
  /** The tier the move leads to, when it changes it (an escalation). */
  readonly tier?: Tier;
  /** More the write is conditional on, beside status and tier: what `data` was worked out from. */
  readonly where?: Prisma.RepairRequestWhereInput;
  /** More writes of the same transaction, after the request's own and its timeline entry. */
  readonly after?: (tx: Transaction) => Promise<unknown>;
}

export interface RequestMove {
  readonly action: Action;
  /** The request as read before the move: the move is decided on it, and guarded by its status and tier. */
  readonly row: RepairRequestRow;
  readonly caller: Caller;
  readonly now: Date;
  readonly note?: string | undefined;
  /** Inside the transaction, once the table allowed the move; throws a coded error to refuse it. */
  readonly prepare?: (row: RepairRequestRow, tx: Transaction) => Promise<Preparation> | Preparation;
  /** Told the request after the move. */
  readonly settled?: (row: RepairRequestRow) => void;
}

/** The service role's caller, for moves the department makes on its own (the escalation sweep). */
export const SYSTEM: Caller = { role: 'service', sub: 'escalation-sweep', regions: [] };

/**
 * One move of one request, or its coded refusal (FORBIDDEN, CONFLICT, …) with nothing written. Once
 * its transaction has committed, the move is published to the open subscription streams: `db` is the
 * department's database, never an open transaction (a move inside one is published by whoever commits
 * it, as `completeJointTask` does for a joint resolution).
 */
export async function moveRequest(db: Db, move: RequestMove): Promise<RepairRequestRow> {
  const { action, row, caller, now } = move;
  const facts = factsOf(row);
  // The table's decision and the top-tier rule; `transition()` decides the table again on the same row.
  const verdict = decideTransition(action, caller, facts);
  if (!verdict.ok) throw requestLifecycle.refusal(verdict, row.status);
  let prepared: Preparation = {};
  let entry: RequestEventRow | undefined;
  return transition(requestLifecycle, db, {
    action,
    row,
    parts: actorsOf(caller, facts),
    update: async (tx, guard) => {
      prepared = (await move.prepare?.(row, tx)) ?? {};
      const data = { ...prepared.data, ...(prepared.tier ? { tier: prepared.tier } : {}), ...guard.data };
      return tx.repairRequest.updateMany({ where: { ...prepared.where, ...guard.where, tier: row.tier }, data });
    },
    after: async (tx, step) => {
      const to = { status: step.to, tier: prepared.tier ?? facts.tier };
      entry = await recordEvent(tx, {
        requestId: row.id,
        action,
        from: { status: step.from, tier: facts.tier },
        to,
        caller,
        now,
        note: move.note,
      });
      await prepared.after?.(tx);
    },
    read: (tx) => tx.repairRequest.findUniqueOrThrow({ where: { id: row.id } }),
    // After the commit: a stream never tells of a move that was rolled back.
    settled: (moved) => {
      move.settled?.(moved);
      if (entry) publishRequestChange(changeOf(entry, moved));
    },
  });
}

/** A move asked for through the API: the request by id (NOT_FOUND without it), the caller and clock of the request, its loaders told. */
export async function moveRequestById(
  context: Context,
  move: Omit<RequestMove, 'row' | 'caller' | 'now' | 'settled'> & { readonly requestId: string },
): Promise<RepairRequestRow> {
  const row = await context.db.repairRequest.findUnique({ where: { id: move.requestId } });
  if (!row) throw codedError('NOT_FOUND', `There is no repair request ${move.requestId}.`);
  const { loaders } = context;
  return moveRequest(context.db, {
    ...move,
    row,
    caller: context.caller,
    now: context.now(),
    settled: (moved) => {
      loaders.request.clear(moved.id).prime(moved.id, moved);
      loaders.timeline.clear(moved.id);
      loaders.jointTasks.clear(moved.id);
    },
  });
}

export function factsOf(row: RepairRequestRow): RequestFacts {
  return {
    status: row.status as Status,
    tier: row.tier as Tier,
    submittedById: row.submittedById,
    regionPath: pathIds(row.regionPath),
    assigneeId: row.assigneeId,
  };
}

/** Where a request stood, or stands, in a timeline entry. */
interface Standing {
  readonly status: string;
  readonly tier: string;
}

/** A timeline entry: who moved the request, when, from what (null for the submission) to what, and why. */
export async function recordEvent(
  tx: Transaction,
  event: { requestId: string; action: string; from: Standing | null; to: Standing; caller: Caller; now: Date; note?: string | undefined },
): Promise<RequestEventRow> {
  return tx.requestEvent.create({
    data: {
      requestId: event.requestId,
      at: event.now,
      action: event.action,
      fromStatus: event.from?.status ?? null,
      toStatus: event.to.status,
      fromTier: event.from?.tier ?? null,
      toTier: event.to.tier,
      actorRole: event.caller.role,
      actorId: event.caller.sub ?? null,
      note: event.note ?? null,
    },
  });
}

/** What ESCALATE changes: one tier up, the new tier's full time from now. */
export function escalation(row: RepairRequestRow, now: Date): Preparation {
  const tier = nextTier(row.tier as Tier);
  // decideTransition refuses it first; this keeps the tier a Tier.
  if (!tier) throw codedError('CONFLICT', 'The request is already at the city management platform, the top tier.');
  return { tier, data: { slaDueAt: slaDueAt(row.category as Category, tier, now), escalations: { increment: 1 } } };
}

/** What resolving changes: the time, and whether it was in time (its first tier’s SLA, never escalated). */
export function resolution(row: RepairRequestRow, now: Date) {
  return { resolvedAt: now, resolvedOnTime: row.escalations === 0 && now.getTime() <= row.slaDueAt.getTime() };
}

/** The transaction a joint task's completion runs in, as the kit's `transition()` takes a database. */
export function within(tx: Transaction): Transactional<Transaction> {
  return { $transaction: <T>(run: (inner: Transaction) => Promise<T>) => run(tx) };
}

/**
 * The last joint task done resolves the request, in the transaction that marked it done: a request
 * that changed meanwhile fails the whole transaction (the task stays open). A request no longer where a
 * joint resolution can resolve it (resolved by then, closed) stays as it is. Returns the request and,
 * when it moved, the timeline entry to publish once the caller's transaction has committed.
 */
export async function resolveJointly(
  tx: Transaction,
  row: RepairRequestRow,
  caller: Caller,
  now: Date,
): Promise<{ request: RepairRequestRow; entry?: RequestEventRow }> {
  if (!jointResolution.allows('RESOLVE', row.status)) return { request: row };
  let entry: RequestEventRow | undefined;
  const request = await transition(jointResolution, within(tx), {
    action: 'RESOLVE',
    row,
    update: (writer, guard) =>
      writer.repairRequest.updateMany({ where: { ...guard.where, tier: row.tier }, data: { ...guard.data, ...resolution(row, now) } }),
    after: async (writer, step) => {
      entry = await recordEvent(writer, {
        requestId: row.id,
        action: 'JOINT_RESOLVED',
        from: { status: step.from, tier: row.tier },
        to: { status: step.to, tier: row.tier },
        caller,
        now,
        note: 'every department of the joint resolution is done',
      });
    },
    read: (writer) => writer.repairRequest.findUniqueOrThrow({ where: { id: row.id } }),
  });
  return { request, ...(entry ? { entry } : {}) };
}
