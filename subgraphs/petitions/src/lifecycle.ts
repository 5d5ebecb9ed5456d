/**
 * A petition's state machine. Every change of a petition goes through one of these actions, and an
 * action whose `from` does not hold the petition's status is refused with CONFLICT, nothing written.
 */
export enum PetitionStatus {
  RECEIVED = 'RECEIVED',
  ACCEPTED = 'ACCEPTED',
  NOT_ACCEPTED = 'NOT_ACCEPTED',
  HANDLING = 'HANDLING',
  REPLIED = 'REPLIED',
  REVIEW_REQUESTED = 'REVIEW_REQUESTED',
  CLOSED = 'CLOSED',
}

export type PetitionAction = 'accept' | 'refuse' | 'startHandling' | 'extend' | 'reply' | 'requestReview' | 'upholdReview' | 'overturnReview' | 'close' | 'lapse';

export interface Transition {
  readonly from: readonly PetitionStatus[];
  /** The status after the action; absent when the action leaves the status as it is. */
  readonly to?: PetitionStatus;
}

export const TRANSITIONS: Readonly<Record<PetitionAction, Transition>> = {
  accept: { from: [PetitionStatus.RECEIVED], to: PetitionStatus.ACCEPTED },
  refuse: { from: [PetitionStatus.RECEIVED], to: PetitionStatus.NOT_ACCEPTED },
  startHandling: { from: [PetitionStatus.ACCEPTED], to: PetitionStatus.HANDLING },
  // The reply deadline runs from acceptance, so it may be extended before or during handling.
  extend: { from: [PetitionStatus.ACCEPTED, PetitionStatus.HANDLING] },
  reply: { from: [PetitionStatus.HANDLING], to: PetitionStatus.REPLIED },
  requestReview: { from: [PetitionStatus.REPLIED], to: PetitionStatus.REVIEW_REQUESTED },
  // The petitions office concludes a review: the reply upheld closes the matter; otherwise a new
  // reply is given and the petitioner has a new review window.
  upholdReview: { from: [PetitionStatus.REVIEW_REQUESTED], to: PetitionStatus.CLOSED },
  overturnReview: { from: [PetitionStatus.REVIEW_REQUESTED], to: PetitionStatus.REPLIED },
  // The petitioner closes and rates once replied, whether or not they asked for a review.
  close: { from: [PetitionStatus.REPLIED, PetitionStatus.REVIEW_REQUESTED], to: PetitionStatus.CLOSED },
  // The sweep closes a reply whose review window passed without a review request.
  lapse: { from: [PetitionStatus.REPLIED], to: PetitionStatus.CLOSED },
};

/** True when the action may be taken from the status. */
export function allows(action: PetitionAction, status: string): boolean {
  return (TRANSITIONS[action].from as readonly string[]).includes(status);
}
