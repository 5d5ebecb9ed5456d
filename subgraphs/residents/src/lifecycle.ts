import { defineLifecycle } from '@liangling/kit';
import { AssistanceStatus, CareVisitStatus } from './enums';

/** A care visit closes once, when its assignee records the outcome; closing ends its grant. */
export const careVisitLifecycle = defineLifecycle<CareVisitStatus, 'close'>({
  subject: 'care visit',
  transitions: { close: { from: [CareVisitStatus.PLANNED], to: CareVisitStatus.CLOSED, past: 'closed' } },
});

/** An assistance application is decided once, either way; deciding ends its grant. */
export const assistanceLifecycle = defineLifecycle<AssistanceStatus, 'approve' | 'refuse'>({
  subject: 'assistance application',
  transitions: {
    approve: { from: [AssistanceStatus.OPEN], to: AssistanceStatus.APPROVED, past: 'approved' },
    refuse: { from: [AssistanceStatus.OPEN], to: AssistanceStatus.REFUSED, past: 'refused' },
  },
});
