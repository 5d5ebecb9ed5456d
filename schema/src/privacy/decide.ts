import { ANONYMOUS, CLEARANCE, SENSITIVE_PURPOSES, type Caller } from './caller';
import { clears, type DataLevel, type MaskStrategy } from './levels';
import { scopeReads } from './scopes';

export type Decision = 'REVEAL' | 'MASK' | 'DENY';

/** What the `@sensitive` directive declares on a field (or on its type). */
export interface FieldPolicy {
  readonly level: DataLevel;
  readonly mask: MaskStrategy;
  /** The field it is the policy of, `Type.field`: what a service caller's scopes name. */
  readonly field?: string;
  /** The field that names the data subject; without one, no caller is ever the subject. */
  readonly owner?: string;
  /** Department code of the subgraph that owns the data: the only one that may see SECRET values. */
  readonly department?: string;
  /**
   * For a list of records (a resident's requests, their petitions): the decision is taken item by
   * item, with each item's own row scope, and the items the caller may not see are left out.
   */
  readonly each?: boolean;
}

/** Who and where a row is about, as its department describes it. */
export interface RowScope {
  /** Ids of the residents the value is about (the directive's `owner`). */
  readonly subjectIds: readonly string[];
  /** Ids of the regions the row lies in, from the city down to its grid. */
  readonly regionPath?: readonly string[];
  /** Department codes whose records these are. */
  readonly departments?: readonly string[];
  /** Organisations the row is assigned to. */
  readonly organisations?: readonly string[];
  /**
   * Purposes this caller holds a grant for on this row: a record of work tying caller, purpose and
   * subject (a care visit assigned to them, an open case of their department, a break-glass), looked
   * up by the department at the source. A SENSITIVE value needs one for the declared purpose.
   */
  readonly grantedPurposes?: readonly string[];
}

const NOWHERE: RowScope = { subjectIds: [] };

/**
 * The one privacy decision. Pure: the same caller, policy and row always give the same answer, so
 * gateway and subgraphs can each ask it and agree.
 */
export function decide(caller: Caller = ANONYMOUS, policy: FieldPolicy, row: RowScope = NOWHERE): Decision {
  if (policy.level === 'PUBLIC') return 'REVEAL';
  if (isSubject(caller, row)) return 'REVEAL';
  if (policy.level === 'SECRET') {
    const owning = caller.role === 'department_officer' && !!policy.department && caller.department === policy.department;
    return owning ? 'REVEAL' : 'DENY';
  }
  if (policy.level === 'INTERNAL') return clears(CLEARANCE[caller.role], 'INTERNAL') || coversRow(caller, policy, row) ? 'REVEAL' : 'DENY';
  if (coversRow(caller, policy, row)) {
    if (policy.level === 'PERSONAL') return 'REVEAL';
    return grantsSensitive(caller, row) ? 'REVEAL' : 'MASK';
  }
  return clears(CLEARANCE[caller.role], policy.level) ? 'MASK' : 'DENY';
}

/**
 * The most a caller could ever get for a field, over all rows: DENY means no row will ever show it,
 * so the gateway can refuse the field before planning.
 */
export function bestCase(caller: Caller = ANONYMOUS, policy: FieldPolicy): Decision {
  if (policy.level === 'PUBLIC') return 'REVEAL';
  // A resident is the subject of some rows of any field that names its subject, SECRET ones included
  // (a petitioner's own petition).
  if (caller.role === 'resident' && caller.sub && policy.owner) return 'REVEAL';
  const everywhere: RowScope = {
    subjectIds: [],
    regionPath: caller.regions,
    departments: caller.department ? [caller.department] : [],
    organisations: caller.organisation ? [caller.organisation] : [],
  };
  return decide(caller, policy, everywhere);
}

function isSubject(caller: Caller, row: RowScope): boolean {
  return caller.role === 'resident' && !!caller.sub && row.subjectIds.includes(caller.sub);
}

function coversRow(caller: Caller, policy: FieldPolicy, row: RowScope): boolean {
  switch (caller.role) {
    case 'grid_worker':
    case 'community_staff':
      return !!row.regionPath && row.regionPath.some((id) => caller.regions.includes(id));
    case 'department_officer':
      return !!caller.department && !!row.departments && row.departments.includes(caller.department);
    case 'partner':
      return !!caller.organisation && !!row.organisations && row.organisations.includes(caller.organisation);
    case 'service':
      // No role covers every row: a service covers the rows of the fields its scopes name, and no other.
      return scopeReads(caller, policy.field);
    default:
      return false;
  }
}

function grantsSensitive(caller: Caller, row: RowScope): boolean {
  const purposes = SENSITIVE_PURPOSES[caller.role];
  if (!caller.purpose || !purposes || !purposes.includes(caller.purpose)) return false;
  // A service's reach is its scopes'; every person's purpose needs a grant on the row (PIPL Art. 6, 28).
  return caller.role === 'service' || !!row.grantedPurposes?.includes(caller.purpose);
}
