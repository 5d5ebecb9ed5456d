import { pathIds, Sensitive } from '@liangling/kit';
import type { RowScope } from '@liangling/schema';
import { Field, ObjectType } from 'type-graphql';
import { CaseStatus, ENFORCEMENT, PartyKind } from './enums';
import type { EnforcementCase as CaseRow } from './generated/prisma/client';
import { OrganisationReference, ResidentReference } from './references';

@ObjectType({
  description: 'The party investigated (当事人): a resident or an organisation. Not the complainant: a case has no complainant.',
})
export class CaseParty {
  @Field(() => PartyKind)
  kind!: PartyKind;

  @Field(() => String, { nullable: true })
  @Sensitive({ level: 'SENSITIVE', mask: 'NAME', owner: 'residentId' })
  name!: string;

  @Field(() => ResidentReference, { nullable: true, description: 'The resident, when the party is one known to the grid platform.' })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'residentId' })
  resident!: ResidentReference | null;

  @Field(() => OrganisationReference, {
    nullable: true,
    description: 'The organisation, when the party is one of the big neighbours on record.',
  })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL' })
  organisation!: OrganisationReference | null;

  residentId!: string | null;
  regionPath!: string;
  /** The case the party is of, and whether it is still open: an open case is the officers' grant (`case-handling`). */
  caseId!: string;
  open!: boolean;
}

/** The party of a case, once known: from the case's party columns. */
export function partyOf(row: CaseRow): CaseParty | null {
  if (!row.partyKind || !row.partyName) return null;
  return {
    kind: row.partyKind as PartyKind,
    name: row.partyName,
    resident: row.partyResidentId ? { id: row.partyResidentId } : null,
    organisation: row.partyOrganisationId ? { id: row.partyOrganisationId } : null,
    residentId: row.partyResidentId,
    regionPath: row.regionPath,
    caseId: row.id,
    open: row.status !== CaseStatus.CLOSED,
  };
}

export function partyScope(row: CaseParty): RowScope {
  return { subjectIds: row.residentId ? [row.residentId] : [], regionPath: pathIds(row.regionPath), departments: [ENFORCEMENT] };
}
