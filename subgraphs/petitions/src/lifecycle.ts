import { defineLifecycle } from '@liangling/kit';
import { PetitionStatus } from './enums';

export type PetitionAction =
  'accept' | 'refuse' | 'startHandling' | 'extend' | 'reply' | 'requestReview' | 'upholdReview' | 'overturnReview' | 'close' | 'lapse';

/**
 * A petition's state machine. Every change of a petition goes through one of these actions, and an
 * action whose `from` does not hold the petition's status is refused with CONFLICT, nothing written.
 * Who may take an action is decided by the resolver before (the office, the department concerned,
 * the petitioner), so the rules name no parts.
 */
export const petitionLifecycle = defineLifecycle<PetitionStatus, PetitionAction>({
  subject: 'petition',
  transitions: {
    accept: { from: [PetitionStatus.RECEIVED], to: PetitionStatus.ACCEPTED, past: 'accepted' },
    refuse: { from: [PetitionStatus.RECEIVED], to: PetitionStatus.NOT_ACCEPTED, past: 'refused' },
    startHandling: { from: [PetitionStatus.ACCEPTED], to: PetitionStatus.HANDLING, past: 'put into handling' },
    // The reply deadline runs from acceptance, so it may be extended before or during handling.
    extend: { from: [PetitionStatus.ACCEPTED, PetitionStatus.HANDLING], past: 'extended' },
    reply: { from: [PetitionStatus.HANDLING], to: PetitionStatus.REPLIED, past: 'replied to' },
    requestReview: { from: [PetitionStatus.REPLIED], to: PetitionStatus.REVIEW_REQUESTED, past: 'put up for review' },
    // The petitions office concludes a review: the reply upheld closes the matter; otherwise a new
    // reply is given and the petitioner has a new review window.
    upholdReview: { from: [PetitionStatus.REVIEW_REQUESTED], to: PetitionStatus.CLOSED, past: 'closed by a review' },
    overturnReview: { from: [PetitionStatus.REVIEW_REQUESTED], to: PetitionStatus.REPLIED, past: 'given a new reply by a review' },
    // The petitioner closes and rates once replied, whether or not they asked for a review.
    close: { from: [PetitionStatus.REPLIED, PetitionStatus.REVIEW_REQUESTED], to: PetitionStatus.CLOSED, past: 'closed' },
    // The sweep closes a reply whose review window passed without a review request.
    lapse: { from: [PetitionStatus.REPLIED], to: PetitionStatus.CLOSED, past: 'closed for a lapsed review window' },
  },
});
