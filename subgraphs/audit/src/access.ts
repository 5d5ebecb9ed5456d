// Who may read the trail: pure functions of the caller (and, for a log, whose it is).
import type { Caller, RowScope } from '@liangling/schema';
import type { ResidentReference } from './references';

/** A resident's access log is the resident's own data. */
export function residentScope(resident: ResidentReference): RowScope {
  return { subjectIds: [resident.id] };
}

/** The trail is for the supervision office. */
export function readsTrail(caller: Caller): boolean {
  return caller.role === 'auditor';
}

/** A resident's access log is for the resident alone; auditors use the trail. */
export function readsAccessLog(caller: Caller, resident: ResidentReference): boolean {
  return caller.role === 'resident' && caller.sub === resident.id;
}
