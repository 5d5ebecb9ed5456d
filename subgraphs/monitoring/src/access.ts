// Who may do what with devices, readings and alerts, and whose records they are: pure functions of
// the caller and the row.
import { pathIds } from '@liangling/kit';
import { hasScope, isStaff, type Caller, type RowScope } from '@liangling/schema';
import type { Alert as AlertRow, Device as DeviceRow } from './generated/prisma/client';

/** The department that owns this subgraph's data: its officers see streams and handle every alert. */
export const EMERGENCY = 'EMERGENCY';

/** Devices are the emergency department's records; where they are is for staff only (INTERNAL). */
export function deviceScope(row: DeviceRow): RowScope {
  return { subjectIds: [], regionPath: pathIds(row.regionPath), departments: [EMERGENCY] };
}

/**
 * Alerts are the emergency department's records, and of the department they are routed to, lying where
 * their place is; evidence about a resident is theirs.
 */
export function alertScope(row: AlertRow): RowScope {
  return {
    subjectIds: row.residentId ? [row.residentId] : [],
    regionPath: pathIds(row.regionPath),
    departments: [...new Set([EMERGENCY, row.department])],
  };
}

/** A building's devices are the emergency department's records, about no person (INTERNAL). */
export function buildingScope(): RowScope {
  return { subjectIds: [], departments: [EMERGENCY] };
}

/** Alerts of a region are the emergency department's records, about no one in particular (INTERNAL). */
export function regionScope(): RowScope {
  return { subjectIds: [], departments: [EMERGENCY] };
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

/** Who may list devices: staff and internal jobs (the early-warning engine). Where they are stays INTERNAL. */
export function mayListDevices(caller: Caller): boolean {
  return isStaff(caller) || caller.role === 'service';
}

export function isEmergencyOfficer(caller: Caller): boolean {
  return caller.role === 'department_officer' && caller.department === EMERGENCY;
}

/**
 * Readings say when people are home (a household's water use): only a service whose credential names
 * `devices:read` (the early-warning engine) and the emergency department's officers read them.
 */
export function mayReadReadings(caller: Caller): boolean {
  return hasScope(caller, 'devices:read') || isEmergencyOfficer(caller);
}
