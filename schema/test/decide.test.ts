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

// Facts, not only fields: a link is decided on the row that holds it, an argument on every row it
// selects, and using an argument at all needs a REVEAL somewhere (the kit's FORBIDDEN_ARGUMENT).
describe('links and argument reads', () => {
  const ELSEWHERE_PATH = ['r-2101', 'r-210102', 'r-210102-1', 'r-210102-1-1', OTHER_GRID];
  const requestRow: RowScope = { subjectIds: ['p-1'], regionPath: PATH, departments: ['CITY_MANAGEMENT'] };
  const petitionRow: RowScope = { subjectIds: ['p-1'], departments: ['CITY_MANAGEMENT', 'PETITIONS'] };
  const residentHere: RowScope = { subjectIds: ['p-1'], regionPath: PATH };
  const residentElsewhere: RowScope = { subjectIds: ['p-9'], regionPath: ELSEWHERE_PATH };
  const submittedBy: FieldPolicy = { level: 'PERSONAL', mask: 'NULL', owner: 'submittedById' };
  const residentPetitions: FieldPolicy = { level: 'SECRET', mask: 'NULL', owner: 'petitionerId', department: 'PETITIONS', each: true };
  const lowIncomeFilter: FieldPolicy = { level: 'SENSITIVE', mask: 'NULL', owner: 'id' };
  const nameSearch: FieldPolicy = { level: 'PERSONAL', mask: 'NULL', owner: 'id' };

  // caller → [RepairRequest.submittedBy, an item of Resident.petitions, may filter by lowIncome,
  //           a row the lowIncome filter selects here, may search by name, a row the search finds elsewhere]
  const links: Partial<Record<keyof typeof callers, readonly Decision[]>> = {
    anonymous: ['DENY', 'DENY', 'DENY', 'DENY', 'DENY', 'DENY'],
    subject: ['REVEAL', 'REVEAL', 'REVEAL', 'REVEAL', 'REVEAL', 'DENY'],
    neighbour: ['DENY', 'DENY', 'REVEAL', 'DENY', 'REVEAL', 'DENY'],
    gridWorkerHere: ['REVEAL', 'DENY', 'MASK', 'MASK', 'REVEAL', 'MASK'],
    gridWorkerElsewhere: ['MASK', 'DENY', 'MASK', 'MASK', 'REVEAL', 'REVEAL'],
    // A care-visit purpose alone grants nothing: a SENSITIVE value needs the row's grant (a visit), so the
    // filter is refused and no row is selected by it without one.
    gridWorkerCareVisit: ['REVEAL', 'DENY', 'MASK', 'MASK', 'REVEAL', 'MASK'],
    officerOfRecord: ['REVEAL', 'DENY', 'MASK', 'MASK', 'REVEAL', 'MASK'],
    petitionsOfficer: ['MASK', 'REVEAL', 'MASK', 'MASK', 'REVEAL', 'MASK'],
    assignedPartner: ['DENY', 'DENY', 'MASK', 'DENY', 'REVEAL', 'DENY'],
    auditor: ['MASK', 'DENY', 'MASK', 'MASK', 'MASK', 'MASK'],
  };
  const columns = [
    (caller: Caller) => decide(caller, submittedBy, requestRow),
    (caller: Caller) => decide(caller, residentPetitions, petitionRow),
    (caller: Caller) => bestCase(caller, lowIncomeFilter),
    (caller: Caller) => decide(caller, lowIncomeFilter, residentHere),
    (caller: Caller) => bestCase(caller, nameSearch),
    (caller: Caller) => decide(caller, nameSearch, residentElsewhere),
  ];
  const names = [
    'submittedBy',
    'Resident.petitions item',
    'use filter.lowIncome',
    'row found by lowIncome',
    'use search text',
    'row found elsewhere',
  ];
  const cases = Object.entries(links).flatMap(([name, decisions]) =>
    columns.map((column, i) => [name, names[i], decisions![i], column] as const),
  );
  it.each(cases)('%s: %s → %s', (name, _what, expected, column) => {
    expect(column(callers[name]!)).toBe(expected);
  });

  it('a row with a care visit for the caller is one whose SENSITIVE values the care-visit purpose reveals', () => {
    expect(decide(callers['gridWorkerCareVisit'], lowIncomeFilter, { ...residentHere, grantedPurposes: ['care-visit'] })).toBe('REVEAL');
    expect(decide(callers['gridWorkerHere'], lowIncomeFilter, { ...residentHere, grantedPurposes: ['care-visit'] })).toBe('MASK');
  });

  it('a row is selected by an argument only where the caller could read the value it tests', () => {
    // The kit keeps a row only on REVEAL: a grid worker's search never returns a resident elsewhere
    // (MASK), and one elsewhere never returns this grid's.
    const rows = [residentHere, residentElsewhere];
    expect(rows.filter((row) => decide(callers['gridWorkerHere'], nameSearch, row) === 'REVEAL')).toEqual([residentHere]);
    expect(rows.filter((row) => decide(callers['gridWorkerElsewhere'], nameSearch, row) === 'REVEAL')).toEqual([residentElsewhere]);
  });
});
