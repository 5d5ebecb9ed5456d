/**
 * The statutory clocks of the 信访工作条例, as pure functions of a petition's dates and the time now.
 * Days are calendar days of 24 hours counted from the moment of the triggering event; the time now
 * comes from `context.now()`, so tests move it through the stack's `clock` option.
 */

const DAY_MS = 86_400_000;

/** Whether to accept a petition is decided within 15 days of its receipt. */
export const DECISION_DAYS = 15;
/** An accepted petition is replied to within 60 days of its acceptance… */
export const REPLY_DAYS = 60;
/** …extended at most once, by at most 30 days, with a reason. */
export const MAX_EXTENSION_DAYS = 30;
/** The petitioner may ask for a review within 30 days of the reply. */
export const REVIEW_DAYS = 30;
/** A review (复查), then a re-examination (复核) of the review: after that the matter is settled. */
export const MAX_REVIEWS = 2;

/** The dates and state the clocks are read from. */
export interface PetitionClockState {
  readonly status: string;
  readonly receivedAt: Date;
  readonly decidedAt: Date | null;
  readonly extensionDays: number | null;
  readonly repliedAt: Date | null;
  /** When a review that did not uphold the reply was concluded: the review window runs again from here. */
  readonly reviewConcludedAt?: Date | null;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/**
 * The next deadline the office must meet: the acceptance decision while RECEIVED, the reply while
 * ACCEPTED or HANDLING (plus any extension); none once replied, refused or closed.
 */
export function officeDueAt(petition: PetitionClockState): Date | null {
  switch (petition.status) {
    case 'RECEIVED':
      return addDays(petition.receivedAt, DECISION_DAYS);
    case 'ACCEPTED':
    case 'HANDLING':
      return petition.decidedAt ? addDays(petition.decidedAt, REPLY_DAYS + (petition.extensionDays ?? 0)) : null;
    default:
      return null;
  }
}

/** True when the office has let its current deadline pass. */
export function isOverdue(petition: PetitionClockState, now: Date): boolean {
  const due = officeDueAt(petition);
  return !!due && now.getTime() > due.getTime();
}

/** Until when the petitioner may ask for a review: only while REPLIED, 30 days from the reply or from the last review's new reply. */
export function reviewableUntil(petition: PetitionClockState): Date | null {
  const from = petition.reviewConcludedAt ?? petition.repliedAt;
  return petition.status === 'REPLIED' && from ? addDays(from, REVIEW_DAYS) : null;
}

/** How the office stood against its two statutory deadlines at a moment. */
export interface DeadlineRecord {
  /** Deadlines that had been met or missed by then (pending ones are not judged yet). */
  readonly judged: number;
  readonly met: number;
  /** True when a deadline had passed unmet by then. */
  readonly missed: boolean;
}

/**
 * The decision (15 days from receipt) and the reply (60 days from acceptance, plus the extension) as
 * things stood at `asOf`. Only dates that never move are read, so the record of a past moment never
 * changes: an extension can only be granted before the deadline it extends has passed, so counting
 * it is right for every moment at which that deadline could have been judged.
 */
export function deadlinesAt(petition: PetitionClockState, asOf: Date): DeadlineRecord {
  let judged = 0;
  let met = 0;
  const judge = (due: Date, doneAt: Date | null) => {
    if (doneAt && doneAt.getTime() <= asOf.getTime()) {
      judged += 1;
      if (doneAt.getTime() <= due.getTime()) met += 1;
    } else if (asOf.getTime() > due.getTime()) judged += 1;
  };
  const decided = petition.decidedAt && petition.decidedAt.getTime() <= asOf.getTime() ? petition.decidedAt : null;
  judge(addDays(petition.receivedAt, DECISION_DAYS), petition.decidedAt);
  if (decided && petition.status !== 'NOT_ACCEPTED')
    judge(addDays(decided, REPLY_DAYS + (petition.extensionDays ?? 0)), petition.repliedAt);
  return { judged, met, missed: judged > met };
}

/** Why an extension cannot be granted now, or null when it can (the status is checked by the caller). */
export function extensionRefusal(petition: PetitionClockState, now: Date): string | null {
  if (petition.extensionDays !== null) return 'The reply deadline has already been extended once; the law allows one extension.';
  if (isOverdue(petition, now)) return 'The reply deadline has already passed; a missed deadline cannot be extended.';
  return null;
}
