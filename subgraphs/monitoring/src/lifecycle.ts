import { defineLifecycle } from '@liangling/kit';
import { AlertStatus } from './enums';

export type AlertAction = 'acknowledge' | 'resolve';

/**
 * OPEN → ACKNOWLEDGED → RESOLVED: an alert is resolved only after someone has taken it on. Who may
 * handle an alert (`mayHandle`, access.ts) is decided before, so the rules name no parts.
 */
export const alertLifecycle = defineLifecycle<AlertStatus, AlertAction>({
  subject: 'alert',
  transitions: {
    acknowledge: { from: [AlertStatus.OPEN], to: AlertStatus.ACKNOWLEDGED, past: 'acknowledged' },
    resolve: { from: [AlertStatus.ACKNOWLEDGED], to: AlertStatus.RESOLVED, past: 'resolved' },
  },
});
