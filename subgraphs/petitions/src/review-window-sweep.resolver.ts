import { codedError, hasScope } from '@liangling/schema';
import { Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from './context';
import { closeLapsedReviews } from './jobs/review-window-sweep';
import { ReviewWindowSweepResult } from './review-window-sweep';

@Resolver()
export class ReviewWindowSweepResolver {
  @Mutation(() => ReviewWindowSweepResult, {
    description:
      'Runs the review-window sweep now: replied petitions whose review window passed unused are closed. Safe to repeat. Internal jobs only (a `service` credential with the `jobs:run` scope); the stack also runs it on an interval.',
  })
  async runReviewWindowSweep(@Ctx() context: Context): Promise<ReviewWindowSweepResult> {
    if (!hasScope(context.caller, 'jobs:run')) throw codedError('FORBIDDEN', 'Only internal jobs run the review-window sweep.');
    const ranAt = context.now();
    const closed = await closeLapsedReviews(context.db, ranAt);
    for (const id of closed) context.loaders.petition.clear(id);
    return { count: closed.length, closed, ranAt };
  }
}
