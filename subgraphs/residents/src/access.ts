// Who may do what, and whom each row is about: pure functions of the caller and the row. The
// resolvers ask these before reading or writing; the privacy middleware asks the row scopes.
import { pathIds } from '@liangling/kit';
import { decide, hasScope, SENSITIVE_PURPOSES, type Caller, type DataLevel, type RowScope } from '@liangling/schema';
import { EMERGENCY } from './break-glass';
import type {
  AssistanceApplication as ApplicationRow,
  CareVisit as CareVisitRow,
  Region as RegionRow,
  Resident as ResidentRow,
} from './generated/prisma/client';

/** Who and where a resident's row is about: the resident, in their grid. */
export function residentScope(row: ResidentRow): RowScope {
  return { subjectIds: [row.id], regionPath: pathIds(row.regionPath) };
}

/**
 * Who and where a household's rows are about (the household itself, its care visits, its assistance
 * applications): its members, in its grid.
 */
export function householdScope(row: { readonly memberIds?: readonly string[] | undefined; readonly regionPath: string }): RowScope {
  return { subjectIds: row.memberIds ?? [], regionPath: pathIds(row.regionPath) };
}

/**
 * Who a person is, as a fact: that this id is a resident at all. PERSONAL of the resident, so a caller
 * who could read nothing about them (anonymous apps, other residents, partners) gets `null`, exactly
 * as for an id no one has: no enumeration by id, no existence oracle.
 */
const IDENTITY = { level: 'PERSONAL', mask: 'NULL', owner: 'id' } as const;

/** The fields of a resident a service's scopes may name (`SCOPES` in the schema package). */
const RESIDENT_FIELDS = [
  'name',
  'gender',
  'birthDate',
  'phone',
  'idNumber',
  'livesAlone',
  'elderly',
  'disability',
  'lowIncome',
  'household',
].map((field) => `Resident.${field}`);

/** The row, or null when the caller may not know that this resident exists. */
export function visibleResident(caller: Caller, row: ResidentRow | null): ResidentRow | null {
  if (!row) return null;
  const scope = residentScope(row);
  if (decide(caller, IDENTITY, scope) !== 'DENY') return row;
  // A service covers only the fields its scopes name: it may know a resident exists where it may read one of them.
  return caller.role === 'service' && RESIDENT_FIELDS.some((field) => decide(caller, { ...IDENTITY, field }, scope) !== 'DENY')
    ? row
    : null;
}

/** True when `decide()` would reveal a value of this level about someone living in the region (exact statistics: PERSONAL). */
export function clearedFor(caller: Caller, level: DataLevel, region: RegionRow): boolean {
  return decide(caller, { level, mask: 'NULL' }, { subjectIds: [], regionPath: pathIds(region.path) }) === 'REVEAL';
}

/**
 * Roles whose work is with residents by place, and who list them only within their own area (grid
 * workers, community staff; the early-warning engine, whose reach is its scopes'). Officers reach
 * residents through their own department's records (a case's party, a request's submitter); auditors
 * read access records, not residents.
 */
const LISTING_ROLES: ReadonlySet<Caller['role']> = new Set(['grid_worker', 'community_staff', 'service']);
/** Roles that look residents up by name or phone, within their own grids or community. */
const SEARCH_ROLES: ReadonlySet<Caller['role']> = new Set(['grid_worker', 'community_staff']);

/** True for a role that lists residents by place (each region still checked with `clearedFor`). */
export function listsResidents(caller: Caller): boolean {
  return LISTING_ROLES.has(caller.role);
}

/** True for a role that searches residents by name or phone, with an area to search in. */
export function searchesResidents(caller: Caller): boolean {
  return SEARCH_ROLES.has(caller.role) && caller.regions.length > 0;
}

/** True for a grid worker or community staff member whose regions include one of the path's. */
export function staffOf(caller: Caller, path: readonly string[]): boolean {
  return (caller.role === 'grid_worker' || caller.role === 'community_staff') && path.some((id) => caller.regions.includes(id));
}

/** Contact details are changed by the resident themselves or a grid worker of their grid. */
export function changesContactDetails(caller: Caller, resident: ResidentRow): boolean {
  const self = caller.role === 'resident' && caller.sub === resident.id;
  const gridWorker = caller.role === 'grid_worker' && caller.regions.includes(resident.gridId);
  return self || gridWorker;
}

/** Who may plan a visit to a household on this path: its community's staff, or the engine for a care alert. */
export function carePlanner(caller: Caller, path: readonly string[]): 'staff' | 'engine' | undefined {
  if (caller.role === 'community_staff' && path.some((id) => caller.regions.includes(id))) return 'staff';
  // The engine, for a care alert: its credential names the scope.
  if (hasScope(caller, 'care-visits:write') && caller.purpose === 'early-warning') return 'engine';
  return undefined;
}

/** True for the grid worker a visit is assigned to. */
export function visitsAsAssignee(caller: Caller, visit: CareVisitRow): boolean {
  return caller.role === 'grid_worker' && visit.assigneeId === caller.sub;
}

/** True when the caller may break the glass on a household on this path: emergency declared, within their reach. */
export function breaksGlass(caller: Caller, path: readonly string[]): boolean {
  if (caller.purpose !== EMERGENCY || !caller.sub || !SENSITIVE_PURPOSES[caller.role]?.includes(EMERGENCY)) return false;
  // Officers (the emergency department above all) act city-wide; grid and community staff in their own area.
  return caller.role === 'department_officer' ? !!caller.department : path.some((id) => caller.regions.includes(id));
}

/** Assistance applications are opened by the household's community staff, who then handle them. */
export function opensApplication(caller: Caller, path: readonly string[]): caller is Caller & { sub: string } {
  return caller.role === 'community_staff' && !!caller.sub && path.some((id) => caller.regions.includes(id));
}

/** True for the community staff member who handles the application. */
export function handlesApplication(caller: Caller, application: ApplicationRow): boolean {
  return caller.role === 'community_staff' && application.handlerId === caller.sub;
}
