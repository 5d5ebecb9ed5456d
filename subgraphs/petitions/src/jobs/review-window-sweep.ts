import { transition, type ScheduledJob } from '@liangling/kit';
import { GraphQLError } from 'graphql';
import { addDays, REVIEW_DAYS } from '../clocks';
import type { Db } from '../context';
import { PetitionStatus } from '../enums';
import { petitionLifecycle } from '../lifecycle';

/**
 * Closes every REPLIED petition whose review window (30 days from the reply, or from a review's new
 * reply) has passed: the reply stands. Safe to repeat and to run twice at once: each petition is
 * closed by the lifecycle's guarded move, so only one run closes it.
 */
export async function closeLapsedReviews(db: Db, now: Date): Promise<string[]> {
  const lapsedBefore = addDays(now, -REVIEW_DAYS);
  const candidates = await db.petition.findMany({
    where: {
      status: PetitionStatus.REPLIED,
      OR: [{ reviewConcludedAt: { lt: lapsedBefore } }, { reviewConcludedAt: null, repliedAt: { lt: lapsedBefore } }],
    },
    select: { id: true, status: true },
  });
  const closed: string[] = [];
  for (const row of candidates) {
    try {
      await transition(petitionLifecycle, db, {
        action: 'lapse',
        row,
        update: (tx, guard) => tx.petition.updateMany({ where: guard.where, data: { ...guard.data, closedAt: now } }),
        read: (tx) => tx.petition.findUniqueOrThrow({ where: { id: row.id }, select: { id: true, status: true } }),
      });
      closed.push(row.id);
    } catch (error) {
      // Moved meanwhile (closed by another run, put up for review by its petitioner): not this run's to close.
      if (!(error instanceof GraphQLError && error.extensions['code'] === 'CONFLICT')) throw error;
    }
  }
  return closed;
}

/** The sweep as a scheduled job of the department: hourly unless the stack says otherwise (windows are counted in days). */
export const reviewWindowSweepJob: ScheduledJob<Db> = {
  name: 'review-window-sweep',
  defaultIntervalMs: 3_600_000,
  run: ({ db, now }) => closeLapsedReviews(db, now()),
};
