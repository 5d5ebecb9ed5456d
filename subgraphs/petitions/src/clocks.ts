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

/** The dates and state the clocks are read from. */
export interface PetitionClockState {
  readonly status: string;
  readonly receivedAt: Date;
  readonly decidedAt: Date | null;
  readonly extensionDays: number | null;
  readonly repliedAt: Date | null;
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

/** Until when the petitioner may ask for a review: only while REPLIED. */
export function reviewableUntil(petition: PetitionClockState): Date | null {
  return petition.status === 'REPLIED' && petition.repliedAt ? addDays(petition.repliedAt, REVIEW_DAYS) : null;
}

/** Why an extension cannot be granted now, or null when it can (the status is checked by the caller). */
export function extensionRefusal(petition: PetitionClockState, now: Date): string | null {
  if (petition.extensionDays !== null) return 'The reply deadline has already been extended once; the law allows one extension.';
  if (isOverdue(petition, now)) return 'The reply deadline has already passed; a missed deadline cannot be extended.';
  return null;
}
