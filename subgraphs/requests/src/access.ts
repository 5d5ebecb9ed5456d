// Who may see and do what with repair requests: pure functions of the caller and the row.
import { pathIds } from '@liangling/kit';
import { decide, isStaff, type Caller, type RowScope } from '@liangling/schema';
import { OWNER_DEPARTMENT } from './context';
import type { RepairRequest as RepairRequestRow } from './generated/prisma/client';

/** Fields of a request the organisation it is dispatched to needs to do the job: it has to call. */
const ASSIGNEE_FIELDS: ReadonlySet<string> = new Set(['contactPhone']);

/**
 * Who and where a request is about: its submitter, at their home; city management's record, and the
 * departments of a joint resolution's. The organisation it is dispatched to covers only the fields
 * it needs (the contact phone), so a partner sees nothing else personal.
 */
export function requestScope(row: RepairRequestRow, field?: string): RowScope {
  const departments = [OWNER_DEPARTMENT, ...row.jointDepartments.split('/').filter(Boolean)];
  const scope: RowScope = { subjectIds: [row.submittedById], regionPath: pathIds(row.regionPath), departments };
  return field && ASSIGNEE_FIELDS.has(field) && row.assigneeId ? { ...scope, organisations: [row.assigneeId] } : scope;
}

/** A partner organisation sees only the requests dispatched to it; every other caller sees the row, its fields as `decide()` allows. */
export function visibleTo(caller: Caller, row: RepairRequestRow): boolean {
  return caller.role !== 'partner' || (!!caller.organisation && caller.organisation === row.assigneeId);
}

/**
 * True when `caller` may see `row` in person: whoever could read its personal fields (their own, assigned
 * to them, in their jurisdiction). Lists that anyone may count keep to these rows: counted per person,
 * they would add up to the protected `Region.requestStats` (docs/statistics.md).
 */
export function seenInPerson(caller: Caller, row: RepairRequestRow): boolean {
  return visibleTo(caller, row) && decide(caller, { level: 'PERSONAL', mask: 'NULL' }, requestScope(row, 'contactPhone')) === 'REVEAL';
}

/**
 * Cleared for a region's statistics: whoever would see a PERSONAL value of a request in it (its staff,
 * city management) gets exact figures; everyone else protected ones.
 */
export function clearedForRegion(caller: Caller, path: string): boolean {
  return (
    decide(caller, { level: 'PERSONAL', mask: 'NULL' }, { subjectIds: [], regionPath: pathIds(path), departments: [OWNER_DEPARTMENT] }) ===
    'REVEAL'
  );
}

/**
 * Who may list a region's requests: staff and internal jobs (the early-warning engine). Partners see
 * only what is dispatched to them (`Organisation.assignedRequests`); residents their own (`me`).
 */
export function mayListRegion(caller: Caller): boolean {
  return isStaff(caller) || caller.role === 'service';
}

/** A partner sees only the requests dispatched to its own organisation; staff any organisation's. */
export function mayListAssigned(caller: Caller, organisationId: string): boolean {
  return caller.role !== 'partner' || caller.organisation === organisationId;
}

/** Only officers of a joint task's department report it done. */
export function mayCompleteTask(caller: Caller, department: string): boolean {
  return caller.role === 'department_officer' && caller.department === department;
}
