import { codedError } from '@liangling/schema';

/**
 * How many submissions of one kind (repair requests, petitions, opinions) one resident may make in any
 * 24 hours when the stack does not say (`SUBMISSIONS_PER_DAY`). Generous for real use: a household
 * with a burst pipe, a leaking roof and a broken lift files three; thirty is a script.
 */
export const DEFAULT_SUBMISSIONS_PER_DAY = 30;

/** The window the limit counts over: the last 24 hours, rolling, so there is no midnight rush. */
export const SUBMISSION_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface DailySubmissionCheck {
  /** What is counted, for the message: `repair requests`. */
  readonly kind: string;
  /** The most allowed in the window (`context.submissionsPerDay`). */
  readonly limit: number;
  /** The time now (`context.now()`). */
  readonly now: Date;
  /**
   * How many of this kind the resident made at or after `since`: the department's own count, over its
   * index on (resident, time), so the limit holds across restarts and processes.
   */
  countSince(since: Date): PromiseLike<number>;
}

/**
 * Refuses a resident's new submission with `SUBMISSION_LIMIT_EXCEEDED` (nothing written) when they
 * already made `limit` of this kind in the last 24 hours. Call it after the idempotent-retry lookup
 * (a retry of a submission already made is not a new one) and before writing.
 */
export async function checkDailySubmissions(check: DailySubmissionCheck): Promise<void> {
  const since = new Date(check.now.getTime() - SUBMISSION_WINDOW_MS);
  const made = await check.countSince(since);
  if (made < check.limit) return;
  throw codedError(
    'SUBMISSION_LIMIT_EXCEEDED',
    `You have made ${made} ${check.kind} in the last 24 hours, the most one resident may; try again later.`,
    {
      limit: check.limit,
      windowHours: SUBMISSION_WINDOW_MS / 3_600_000,
    },
  );
}
