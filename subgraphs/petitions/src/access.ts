// Who may do what with petitions and opinions, and whose records they are: pure functions of the
// caller and the row.
import { hasScope, type Caller, type RowScope } from '@liangling/schema';
import type { Opinion as OpinionRow, Petition as PetitionRow } from './generated/prisma/client';

/** The petitions office (信访局): the department that owns this subgraph and alone knows petitioners. */
export const PETITIONS_OFFICE = 'PETITIONS';

/**
 * Who a petition is about and whose record it is: the petitioner; the petitions office and the
 * department complained about. No region path on purpose: grid and community staff must not read
 * petitions that may be about them, so they see petition text masked like any other staff.
 */
export function petitionScope(row: PetitionRow): RowScope {
  return { subjectIds: [row.petitionerId], departments: [row.targetDepartment, PETITIONS_OFFICE] };
}

/**
 * A petition's row scope, field by field: where it comes from is the petitions office's alone (and the
 * petitioner's); every other field as `petitionScope` says.
 */
export function petitionFieldScope(row: PetitionRow, field?: string): RowScope {
  return field === 'region' ? { subjectIds: [row.petitionerId], departments: [PETITIONS_OFFICE] } : petitionScope(row);
}

/** Who and where an opinion is about: its author, in the region it concerns. */
export function opinionScope(row: OpinionRow): RowScope {
  return { subjectIds: [row.authorId], regionPath: row.regionPath.split('/').filter(Boolean) };
}

export function isPetitionsOfficer(caller: Caller): boolean {
  return caller.role === 'department_officer' && caller.department === PETITIONS_OFFICE;
}

export function isPetitioner(caller: Caller, row: PetitionRow): boolean {
  return caller.role === 'resident' && !!caller.sub && caller.sub === row.petitionerId;
}

/** Officers who work the petition: the petitions office, and the department it is about. */
export function isHandlingOfficer(caller: Caller, row: PetitionRow): boolean {
  return (
    isPetitionsOfficer(caller) ||
    (caller.role === 'department_officer' && !!caller.department && caller.department === row.targetDepartment)
  );
}

/** Who may list every petition: the petitions office and oversight (others list those about their department). */
export function mayListAllPetitions(caller: Caller): boolean {
  return isPetitionsOfficer(caller) || caller.role === 'auditor' || hasScope(caller, 'petitions:read');
}

/** Who may know that a petition exists at all; everyone else is told there is no such petition. */
export function canSee(caller: Caller, row: PetitionRow): boolean {
  return isPetitioner(caller, row) || isHandlingOfficer(caller, row) || caller.role === 'auditor' || hasScope(caller, 'petitions:read');
}

/** May narrow petitions by where they come from: the petitions office and internal jobs. */
export function mayLocatePetitions(caller: Caller): boolean {
  return isPetitionsOfficer(caller) || hasScope(caller, 'petitions:read');
}

/** Who sees exact petition figures: the petitions office alone (the 信访工作条例 keeps petitioners from everyone else). */
export function seesExactPetitionFigures(caller: Caller): boolean {
  return isPetitionsOfficer(caller);
}
