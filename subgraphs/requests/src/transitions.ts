// Carries out what the lifecycle table (lifecycle.ts) allows: each move in one transaction, guarded by
// the status and tier it was decided on, with its timeline entry. Two concurrent moves of one request
// cannot both win: the second finds the status changed and is refused with CONFLICT, nothing written.
import { randomUUID } from 'node:crypto';
import type { Caller } from '@liangling/schema';
import type { Db } from './context';
import type { Prisma, RepairRequest as RepairRequestRow } from './generated/prisma/client';
import { decideTransition, nextTier, OPEN_STATUSES, type Action, type Status, type Tier } from './lifecycle';
import { slaDueAt, type Category } from './sla';
import { pathIds } from '@liangling/kit';

export type Transaction = Prisma.TransactionClient;

/** An expected refusal, turned into a coded GraphQL error at the API edge. */
export interface Refusal {
  readonly ok: false;
  readonly code: 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'BAD_USER_INPUT';
  readonly message: string;
  readonly field?: string;
}
export type Outcome<T> = { readonly ok: true; readonly value: T } | Refusal;

export function refuse(code: Refusal['code'], message: string, field?: string): Refusal {
  return field ? { ok: false, code, message, field } : { ok: false, code, message };
}

/** What an action changes beyond status, decided with the row in hand (inside the transaction). */
export interface Preparation {
  readonly data?: Prisma.RepairRequestUpdateManyMutationInput;
  /** More writes of the same transaction, after the request's own. */
  readonly after?: (tx: Transaction) => Promise<void>;
}

export interface TransitionInput {
  readonly action: Action;
  readonly requestId: string;
  readonly caller: Caller;
  readonly now: Date;
  readonly note?: string | undefined;
  readonly prepare?: (row: RepairRequestRow, tx: Transaction) => Promise<Preparation | Refusal> | Preparation | Refusal;
}

/** The service role's caller, for moves the department makes on its own (the escalation sweep). */
export const SYSTEM: Caller = { role: 'service', sub: 'escalation-sweep', regions: [] };

/** One move of one request, or the reason it was refused (and nothing written). */
export async function transition(db: Db, input: TransitionInput): Promise<Outcome<RepairRequestRow>> {
  return db.$transaction(async (tx) => {
    const row = await tx.repairRequest.findUnique({ where: { id: input.requestId } });
    if (!row) return refuse('NOT_FOUND', `There is no repair request ${input.requestId}.`);
    const verdict = decideTransition(input.action, input.caller, factsOf(row));
    if (!verdict.ok) return refuse(verdict.code, `You may not do this: ${verdict.reason}.`);
    const prepared = input.prepare ? await input.prepare(row, tx) : {};
    if ('ok' in prepared) return prepared;
    const data: Prisma.RepairRequestUpdateManyMutationInput = { ...prepared.data, status: verdict.to };
    const { count } = await tx.repairRequest.updateMany({ where: { id: row.id, status: row.status, tier: row.tier }, data });
    if (count !== 1) return refuse('CONFLICT', 'The request changed while you were acting on it; read it again.');
    const after = (await tx.repairRequest.findUnique({ where: { id: row.id } }))!;
    await recordEvent(tx, { row, after, action: input.action, caller: input.caller, now: input.now, note: input.note });
    await prepared.after?.(tx);
    return { ok: true, value: after } as const;
  });
}

export function factsOf(row: RepairRequestRow) {
  return {
    status: row.status as Status,
    tier: row.tier as Tier,
    submittedById: row.submittedById,
    regionPath: pathIds(row.regionPath),
    assigneeId: row.assigneeId,
  };
}

/** `/a/b/c/` → `['a', 'b', 'c']`. */
export async function recordEvent(
  tx: Transaction,
  event: { row: RepairRequestRow | null; after: RepairRequestRow; action: string; caller: Caller; now: Date; note?: string | undefined },
): Promise<void> {
  await tx.requestEvent.create({
    data: {
      requestId: event.after.id,
      at: event.now,
      action: event.action,
      fromStatus: event.row?.status ?? null,
      toStatus: event.after.status,
      fromTier: event.row?.tier ?? null,
      toTier: event.after.tier,
      actorRole: event.caller.role,
      actorId: event.caller.sub ?? null,
      note: event.note ?? null,
    },
  });
}

/** What ESCALATE changes: one tier up, the new tier's full time from now. */
export function escalation(row: RepairRequestRow, now: Date): Preparation | Refusal {
  const tier = nextTier(row.tier as Tier);
  if (!tier) return refuse('CONFLICT', 'The request is already at the city management platform, the top tier.');
  return { data: { tier, slaDueAt: slaDueAt(row.category as Category, tier, now), escalations: { increment: 1 } } };
}

export interface SweepResult {
  /** Requests moved up one tier by this run. */
  readonly escalated: readonly string[];
}

/**
 * The escalation sweep: every open request past its SLA goes up one tier, with the new tier's time
 * from now and a timeline entry. Safe to run twice: an escalated request is due again only after the
 * new tier's time; and two sweeps at once cannot both move a request (the status and tier guard).
 * Everything it reads is in the database, so a restarted stack picks up where it left off.
 */
export async function runEscalationSweep(db: Db, now: Date): Promise<SweepResult> {
  const due = await db.repairRequest.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, slaDueAt: { lte: now }, tier: { not: 'CITY' } },
    select: { id: true },
    orderBy: { slaDueAt: 'asc' },
  });
  const escalated: string[] = [];
  for (const { id } of due) {
    const outcome = await transition(db, {
      action: 'ESCALATE',
      requestId: id,
      caller: SYSTEM,
      now,
      note: 'SLA passed: moved up one tier automatically',
      // Re-read inside the transaction: another sweep or a person may have moved it meanwhile.
      prepare: (row) => (row.slaDueAt.getTime() <= now.getTime() ? escalation(row, now) : refuse('CONFLICT', 'no longer due')),
    });
    if (outcome.ok) escalated.push(id);
  }
  return { escalated };
}

/** A new id for a joint task. */
export function jointTaskId(): string {
  return `jt-${randomUUID()}`;
}
