import { pathIds, Sensitive } from '@liangling/kit';
import type { RowScope } from '@liangling/schema';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CaseSource, CaseStatus, CaseType, ENFORCEMENT } from './enums';
import type { EnforcementCase as CaseRow } from './generated/prisma/client';

@ObjectType({ description: 'A comprehensive enforcement case (综合执法案件).' })
@Directive('@key(fields: "id")')
export class EnforcementCase {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Unique, per district and year, as written on the documents: 沈河执〔2026〕0001号.' })
  caseNumber!: string;

  @Field(() => CaseType)
  type!: CaseType;

  @Field(() => CaseSource)
  source!: CaseSource;

  @Field(() => CaseStatus)
  status!: CaseStatus;

  @Field({ description: 'When the case was registered (立案).' })
  registeredAt!: Date;

  @Field(() => Date, { nullable: true })
  investigatingAt!: Date | null;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  executedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Id of the repair request, petition or alert the case was referred from; null for a patrol.',
  })
  @Sensitive({ level: 'INTERNAL', mask: 'NULL' })
  originId!: string | null;

  @Field(() => String, { nullable: true, description: 'The penalty (处罚), e.g. 罚款2000元.' })
  @Sensitive({ level: 'INTERNAL', mask: 'NULL' })
  penalty!: string | null;

  @Field(() => String, { nullable: true, description: 'The decision (处罚决定) with its reasons.' })
  @Sensitive({ level: 'INTERNAL', mask: 'NULL' })
  decision!: string | null;

  publicSummary!: string | null;
  buildingId!: string | null;
  regionId!: string;
  regionPath!: string;
  districtId!: string;
  officerId!: string;
  partyKind!: string | null;
  partyName!: string | null;
  partyResidentId!: string | null;
  partyOrganisationId!: string | null;
}

/** Who and where a case is about: the party if a resident, at the place of the case, in this department's records. */
export function caseScope(row: CaseRow): RowScope {
  return { subjectIds: row.partyResidentId ? [row.partyResidentId] : [], regionPath: pathIds(row.regionPath), departments: [ENFORCEMENT] };
}
