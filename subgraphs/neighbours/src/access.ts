// Who may see and do what: pure functions of the caller and the row.
import { pathIds } from '@liangling/kit';
import { isStaff, type Caller, type RowScope } from '@liangling/schema';
import type { Volunteer as VolunteerRow } from './generated/prisma/client';
import type { LocatedResident } from './references';

/** The department whose register of volunteers this is: its officers see the register in full. */
export const VOLUNTEER_REGISTER = 'COMMUNITY_SERVICES';

/** Who and where a volunteer record is about: the resident, at home, in this department's register. */
export function volunteerScope(row: VolunteerRow): RowScope {
  return { subjectIds: [row.residentId], regionPath: pathIds(row.regionPath), departments: [VOLUNTEER_REGISTER] };
}

/** Who and where: the resident, at the home their volunteer record gives (staff of elsewhere see nothing). */
export function residentScope(row: LocatedResident): RowScope {
  return { subjectIds: [row.id], ...(row.regionPath ? { regionPath: pathIds(row.regionPath) } : {}), departments: [VOLUNTEER_REGISTER] };
}

/** Only an organisation's own staff (its partner credentials) manage its services. */
export function managesServicesOf(caller: Caller, organisationId: string): boolean {
  return caller.role === 'partner' && caller.organisation === organisationId;
}

/** Staff, whose work is with residents by place; residents read only their own record. */
export function mayListVolunteers(caller: Caller): boolean {
  return isStaff(caller);
}
