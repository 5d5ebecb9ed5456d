import { codedError, hasScope, type Caller, type RowScope } from '@liangling/schema';
import type { Petition as PetitionRow, Prisma } from './generated/prisma/client';
import { PETITIONS_OFFICE, isPetitionsOfficer, petitionScope, regionPathOf } from './petition';
import { underPath } from '@liangling/kit';

// Where a petition comes from, and petitions by place and period: for the petitions office and the
// early-warning engine only. A petition's place is its petitioner's home, so a place is a clue to who
// filed it: the department complained about must get neither the street of a petition nor a list
// narrowed to a place, which could single a petitioner out.

/** The level of a stored region path (city, district, street, community, grid) a petition is placed at. */
const STREET_DEPTH = 2;

/** May narrow petitions by where they come from: the petitions office and internal jobs. */
export function mayLocatePetitions(caller: Caller): boolean {
  return isPetitionsOfficer(caller) || hasScope(caller, 'petitions:read');
}

/**
 * A petition's row scope, field by field: where it comes from is the petitions office's alone (and the
 * petitioner's); every other field as `petitionScope` says.
 */
export function petitionFieldScope(row: PetitionRow, field?: string): RowScope {
  return field === 'region' ? { subjectIds: [row.petitionerId], departments: [PETITIONS_OFFICE] } : petitionScope(row);
}

/** The street (街道) of a stored region path, or null when the path does not reach one. */
export function streetOf(regionPath: string): string | null {
  return regionPath.split('/').filter(Boolean)[STREET_DEPTH] ?? null;
}

/** What `petitions(regionId, from, to)` adds to the list's filter; refused to callers who may not narrow by place. */
export function placeAndPeriod(caller: Caller, regionId: string | null | undefined, from: Date | null | undefined, to: Date | null | undefined): Prisma.PetitionWhereInput {
  if (from && to && from.getTime() >= to.getTime()) throw codedError('BAD_USER_INPUT', '`from` must be before `to`.', { argument: 'from' });
  const received = from || to ? { receivedAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {};
  if (regionId === null || regionId === undefined) return received;
  if (!mayLocatePetitions(caller)) throw codedError('FORBIDDEN', 'Only the petitions office lists petitions by where they come from.', { argument: 'regionId' });
  // The whole city (`r-2101`) too: regionPathOf knows the levels from a district down.
  const path = /^r-\d{4}$/.test(regionId) ? `/${regionId}/` : regionPathOf(regionId);
  if (!path) throw codedError('BAD_USER_INPUT', 'regionId must be a region id such as r-210103-1.', { argument: 'regionId' });
  return { ...received, regionPath: underPath(path) };
}
