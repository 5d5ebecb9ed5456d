// The escalation sweep: every open request past its SLA goes up one tier, with the new tier's time
// from now and a timeline entry.
import type { ScheduledJob } from '@liangling/kit';
import { GraphQLError } from 'graphql';
import type { Db } from '../context';
import { OPEN_STATUSES } from '../lifecycle';
import { escalation, moveRequest, SYSTEM } from '../moves';

export interface SweepResult {
  /** Requests moved up one tier by this run. */
  readonly escalated: readonly string[];
}

/**
 * One run of the sweep. Safe to run twice: an escalated request is due again only after the new tier's
 * time; and two sweeps at once cannot both move a request (the status, tier and due-time guard).
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
    // Read again, one at a time: another sweep or a person may have moved it since the list was read.
    const row = await db.repairRequest.findUnique({ where: { id } });
    if (!row || row.slaDueAt.getTime() > now.getTime()) continue;
    try {
      await moveRequest(db, {
        action: 'ESCALATE',
        row,
        caller: SYSTEM,
        now,
        note: 'SLA passed: moved up one tier automatically',
        prepare: () => ({ ...escalation(row, now), where: { slaDueAt: { lte: now } } }),
      });
      escalated.push(id);
    } catch (error) {
      // Moved meanwhile (accepted, closed, escalated by another sweep): it is no longer this run's.
      if (!(error instanceof GraphQLError && error.extensions['code'] === 'CONFLICT')) throw error;
    }
  }
  return { escalated };
}

/** The sweep as a scheduled job of the department: every minute unless the stack says otherwise. */
export const escalationSweepJob: ScheduledJob<Db> = {
  name: 'escalation-sweep',
  defaultIntervalMs: 60_000,
  run: ({ db, now }) => runEscalationSweep(db, now()),
};
