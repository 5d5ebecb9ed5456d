import type { Caller } from '@liangling/schema';
import { EMERGENCY } from './places';
import { pathIds } from '@liangling/kit';

export type AlertStatusName = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';
export type AlertAction = 'acknowledge' | 'resolve';

/** OPEN → ACKNOWLEDGED → RESOLVED: an alert is resolved only after someone has taken it on. */
const TRANSITIONS: Readonly<Record<AlertAction, { readonly from: AlertStatusName; readonly to: AlertStatusName }>> = {
  acknowledge: { from: 'OPEN', to: 'ACKNOWLEDGED' },
  resolve: { from: 'ACKNOWLEDGED', to: 'RESOLVED' },
};

export type TransitionResult = { readonly ok: true; readonly to: AlertStatusName } | { readonly ok: false; readonly reason: string };

export function transition(status: string, action: AlertAction): TransitionResult {
  const { from, to } = TRANSITIONS[action];
  if (status !== from) return { ok: false, reason: `Only an ${from} alert can be ${action === 'acknowledge' ? 'acknowledged' : 'resolved'}; this one is ${status}.` };
  return { ok: true, to };
}

/**
 * Who handles an alert: the emergency department's officers (every alert), officers of the department
 * it is routed to, and the grid workers and community staff of its place.
 */
export function mayHandle(caller: Caller, alert: { readonly department: string; readonly regionPath: string }): boolean {
  switch (caller.role) {
    case 'department_officer':
      return caller.department === EMERGENCY || caller.department === alert.department;
    case 'grid_worker':
    case 'community_staff':
      return pathIds(alert.regionPath).some((id) => caller.regions.includes(id));
    default:
      return false;
  }
}
