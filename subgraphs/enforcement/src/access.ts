import { codedError, isStaff, type Caller } from '@liangling/schema';
import { CaseStatus, ENFORCEMENT } from './enums';
import type { EnforcementCase as CaseRow } from './generated/prisma/client';

// Who may do what with cases: pure decisions on the caller (and the row), no queries.

/** Who may list cases: officers of any department (joint resolution) and oversight. */
const LISTING: ReadonlySet<Caller['role']> = new Set(['department_officer', 'auditor']);

export function isEnforcementOfficer(caller: Caller): boolean {
  return caller.role === 'department_officer' && caller.department === ENFORCEMENT;
}

/** Only enforcement officers (综合执法) handle cases: FORBIDDEN for anyone else. */
export function requireOfficer(caller: Caller): void {
  if (!isEnforcementOfficer(caller)) throw codedError('FORBIDDEN', 'Only enforcement officers (综合执法) handle cases.');
}

export function canListCases(caller: Caller): boolean {
  return LISTING.has(caller.role);
}

/**
 * Who may know that a case exists: staff; the resident who is its party; anyone once it is closed and
 * its decision public. Everyone else is told there is no such case.
 */
export function canSeeCase(caller: Caller, row: CaseRow): boolean {
  if (isStaff(caller) || row.status === CaseStatus.CLOSED) return true;
  return caller.role === 'resident' && !!caller.sub && caller.sub === row.partyResidentId;
}

/**
 * Published on closing (行政处罚公示); until then only the officers drafting it see the public summary.
 */
export function canReadPublicSummary(caller: Caller, row: CaseRow): boolean {
  return row.status === CaseStatus.CLOSED || isEnforcementOfficer(caller);
}
