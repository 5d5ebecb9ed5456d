import type { ScheduledJob } from '@liangling/kit';
import { codedError, hasScope } from '@liangling/schema';
import { Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { Context, Db } from './context';
import { addDays, REVIEW_DAYS } from './clocks';
import { PetitionStatus, TRANSITIONS } from './lifecycle';

@ObjectType({ description: 'What one run of the review-window sweep did.' })
export class ReviewWindowSweepResult {
  @Field(() => Int)
  count!: number;

  @Field(() => [ID], { description: 'Petitions closed by this run: replied, and their review window passed without a review request.' })
  closed!: string[];

  @Field({ description: 'The time the sweep ran at.' })
  ranAt!: Date;
}

/**
 * Closes every REPLIED petition whose review window (30 days from the reply, or from a review's new
 * reply) has passed: the reply stands. Safe to repeat and to run twice at once: each petition is
 * closed by an update conditioned on its status, so only one run closes it.
 */
export async function closeLapsedReviews(db: Db, now: Date): Promise<string[]> {
  const lapsedBefore = addDays(now, -REVIEW_DAYS);
  const candidates = await db.petition.findMany({
    where: {
      status: PetitionStatus.REPLIED,
      OR: [{ reviewConcludedAt: { lt: lapsedBefore } }, { reviewConcludedAt: null, repliedAt: { lt: lapsedBefore } }],
    },
    select: { id: true },
  });
  const closed: string[] = [];
  for (const { id } of candidates) {
    const { count } = await db.petition.updateMany({
      where: { id, status: { in: [...TRANSITIONS.lapse.from] } },
      data: { status: TRANSITIONS.lapse.to, closedAt: now },
    });
    if (count === 1) closed.push(id);
  }
  return closed;
}

@Resolver()
export class ReviewWindowSweepResolver {
  @Mutation(() => ReviewWindowSweepResult, {
    description: 'Runs the review-window sweep now: replied petitions whose review window passed unused are closed. Safe to repeat. Internal jobs only (a `service` credential with the `jobs:run` scope); the stack also runs it on an interval.',
  })
  async runReviewWindowSweep(@Ctx() context: Context): Promise<ReviewWindowSweepResult> {
    if (!hasScope(context.caller, 'jobs:run')) throw codedError('FORBIDDEN', 'Only internal jobs run the review-window sweep.');
    const ranAt = context.now();
    const closed = await closeLapsedReviews(context.db, ranAt);
    for (const id of closed) context.loaders.petition.clear(id);
    return { count: closed.length, closed, ranAt };
  }
}

/** The sweep as a scheduled job of the department: hourly unless the stack says otherwise (windows are counted in days). */
export const reviewWindowSweepJob: ScheduledJob<Db> = {
  name: 'review-window-sweep',
  defaultIntervalMs: 3_600_000,
  run: ({ db, now }) => closeLapsedReviews(db, now()),
};
