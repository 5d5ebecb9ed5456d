import { describe, expect, it } from '@jest/globals';
import { bestCase, decide, type Caller, type Decision, type FieldPolicy, type RowScope } from '../src';

const GRID = 'r-210103-1-1-1';
const OTHER_GRID = 'r-210102-1-1-1';
const PATH = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', GRID];

const row: RowScope = { subjectIds: ['p-1'], regionPath: PATH, departments: ['CITY_MANAGEMENT'], organisations: ['org-water'] };
const policy = (level: FieldPolicy['level']): FieldPolicy => ({ level, mask: 'REDACT', owner: 'id', department: 'PETITIONS' });

const callers: Record<string, Caller> = {
  anonymous: { role: 'anonymous', regions: [] },
  subject: { role: 'resident', sub: 'p-1', regions: [] },
  neighbour: { role: 'resident', sub: 'p-2', regions: [] },
  gridWorkerHere: { role: 'grid_worker', sub: 'gw-1', regions: [GRID] },
  gridWorkerElsewhere: { role: 'grid_worker', sub: 'gw-2', regions: [OTHER_GRID] },
  gridWorkerCareVisit: { role: 'grid_worker', sub: 'gw-1', regions: [GRID], purpose: 'care-visit' },
  communityStaff: { role: 'community_staff', sub: 'cs-1', regions: ['r-210103-1-1'] },
  officerOfRecord: { role: 'department_officer', sub: 'o-1', regions: [], department: 'CITY_MANAGEMENT' },
  petitionsOfficer: { role: 'department_officer', sub: 'o-2', regions: [], department: 'PETITIONS' },
  assignedPartner: { role: 'partner', sub: 'k-1', regions: [], organisation: 'org-water' },
  otherPartner: { role: 'partner', sub: 'k-2', regions: [], organisation: 'org-gas' },
  auditor: { role: 'auditor', sub: 'a-1', regions: [] },
};

// caller → [PUBLIC, INTERNAL, PERSONAL, SENSITIVE, SECRET]
const table: Record<keyof typeof callers, readonly Decision[]> = {
  anonymous: ['REVEAL', 'DENY', 'DENY', 'DENY', 'DENY'],
  subject: ['REVEAL', 'REVEAL', 'REVEAL', 'REVEAL', 'REVEAL'],
  neighbour: ['REVEAL', 'DENY', 'DENY', 'DENY', 'DENY'],
  gridWorkerHere: ['REVEAL', 'REVEAL', 'REVEAL', 'MASK', 'DENY'],
  gridWorkerElsewhere: ['REVEAL', 'REVEAL', 'MASK', 'MASK', 'DENY'],
  // A declared purpose alone opens nothing SENSITIVE: the row must carry a grant for it (below).
  gridWorkerCareVisit: ['REVEAL', 'REVEAL', 'REVEAL', 'MASK', 'DENY'],
  communityStaff: ['REVEAL', 'REVEAL', 'REVEAL', 'MASK', 'DENY'],
  officerOfRecord: ['REVEAL', 'REVEAL', 'REVEAL', 'MASK', 'DENY'],
  petitionsOfficer: ['REVEAL', 'REVEAL', 'MASK', 'MASK', 'REVEAL'],
  assignedPartner: ['REVEAL', 'REVEAL', 'REVEAL', 'MASK', 'DENY'],
  otherPartner: ['REVEAL', 'REVEAL', 'DENY', 'DENY', 'DENY'],
  auditor: ['REVEAL', 'REVEAL', 'MASK', 'MASK', 'DENY'],
};

const LEVELS = ['PUBLIC', 'INTERNAL', 'PERSONAL', 'SENSITIVE', 'SECRET'] as const;

describe('decide()', () => {
  const cases = Object.entries(table).flatMap(([name, decisions]) => LEVELS.map((level, i) => [name, level, decisions[i]] as const));
  it.each(cases)('%s reading a %s field → %s', (name, level, expected) => {
    expect(decide(callers[name], policy(level), row)).toBe(expected);
  });

  it('a delegate app acting for the subject sees what the subject sees', () => {
    const viaApp: Caller = { role: 'resident', sub: 'p-1', regions: [], clientApp: 'gov-service-app' };
    expect(decide(viaApp, policy('SENSITIVE'), row)).toBe('REVEAL');
  });

  it('reveals SENSITIVE data under a purpose only on a row that carries a grant for that purpose, in the caller’s jurisdiction', () => {
    const granted: RowScope = { ...row, grantedPurposes: ['care-visit'] };
    expect(decide(callers['gridWorkerCareVisit'], policy('SENSITIVE'), granted)).toBe('REVEAL');
    expect(decide(callers['gridWorkerHere'], policy('SENSITIVE'), granted)).toBe('MASK');
    expect(decide(callers['gridWorkerCareVisit'], policy('SENSITIVE'), { ...row, grantedPurposes: ['emergency'] })).toBe('MASK');
    const elsewhere: Caller = { ...callers['gridWorkerElsewhere']!, purpose: 'care-visit' };
    expect(decide(elsewhere, policy('SENSITIVE'), granted)).toBe('MASK');
    // A grant cannot lift a caller past their clearance, nor reach SECRET.
    expect(decide(callers['gridWorkerCareVisit'], policy('SECRET'), granted)).toBe('DENY');
    // The engine's reach is its scopes' (decide-scopes.test.ts), not a grant's.
    const engine: Caller = { role: 'service', sub: 'early-warning', regions: [], purpose: 'early-warning', scopes: ['care-flags:read'] };
    expect(decide(engine, { ...policy('SENSITIVE'), field: 'Resident.livesAlone' }, row)).toBe('REVEAL');
  });

  it('a purpose granted to one role does not open SENSITIVE data to another', () => {
    const partner: Caller = { ...callers['assignedPartner']!, purpose: 'care-visit' };
    expect(decide(partner, policy('SENSITIVE'), row)).toBe('MASK');
  });
});

describe('bestCase()', () => {
  it('denies everywhere what no row could show the caller', () => {
    expect(bestCase(callers['anonymous'], policy('PERSONAL'))).toBe('DENY');
    expect(bestCase(callers['otherPartner'], policy('SECRET'))).toBe('DENY');
    expect(bestCase(callers['neighbour'], { level: 'INTERNAL', mask: 'REDACT', owner: 'id' })).toBe('REVEAL');
  });

  it('lets through what some row may show', () => {
    expect(bestCase(callers['neighbour'], policy('PERSONAL'))).toBe('REVEAL');
    expect(bestCase(callers['gridWorkerHere'], policy('PERSONAL'))).toBe('REVEAL');
    expect(bestCase(callers['auditor'], policy('SENSITIVE'))).toBe('MASK');
  });

  it('a resident is never the subject of a field that names no owner', () => {
    expect(bestCase(callers['neighbour'], { level: 'PERSONAL', mask: 'REDACT' })).toBe('DENY');
  });
});
