import { pathIds, Sensitive } from '@liangling/kit';
import type { RowScope } from '@liangling/schema';
import { Field, ID, ObjectType } from 'type-graphql';
import { ENFORCEMENT } from './enums';
import type { EvidenceNote as EvidenceRow } from './generated/prisma/client';

@ObjectType({ description: 'A note of evidence gathered in an investigation (调查取证): SECRET, for enforcement officers only.' })
export class EvidenceNote {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  // SECRET here too, with a scope that names no subject, so that the party of a case never reads the
  // file against them, even though the case itself is about them.
  @Sensitive({ level: 'SECRET', mask: 'NULL' })
  note!: string;

  @Field({ description: 'Staff id of the officer who added it.' })
  addedBy!: string;

  @Field()
  addedAt!: Date;

  caseId!: string;
}

/** A note of evidence with where its case is, for the row scope. */
export type EvidenceSource = EvidenceRow & { readonly regionPath: string };

/** Evidence is about no one who may read it: only the department's officers (SECRET) see it. */
export function evidenceScope(row: EvidenceSource): RowScope {
  return { subjectIds: [], regionPath: pathIds(row.regionPath), departments: [ENFORCEMENT] };
}
