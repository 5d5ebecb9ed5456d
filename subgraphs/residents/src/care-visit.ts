import { Sensitive } from '@liangling/kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { CareVisitSource, CareVisitStatus } from './enums';
import type { CareVisit as CareVisitRow } from './generated/prisma/client';

/** Longest window of one visit: a grant for a week at most, then a new plan. */
export const MAX_VISIT_WINDOW_MS = 7 * 24 * 3_600_000;

@ObjectType({
  description:
    'A care visit (走访) to a household, assigned to one grid worker with a window: while it is PLANNED and the window open it is what lets the assignee see the household’s SENSITIVE values under the purpose `care-visit`. Personal data of the household.',
})
export class CareVisit {
  @Field(() => ID)
  id!: string;

  @Field(() => CareVisitSource)
  source!: CareVisitSource;

  @Field(() => ID, { nullable: true, description: 'The early-warning alert the visit came from.' })
  alertId!: string | null;

  @Field(() => String, { nullable: true, description: 'Staff id of the grid worker who makes the visit.' })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'memberIds' })
  assigneeId!: string;

  @Field(() => String, { nullable: true, description: 'Why the visit is needed.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'memberIds' })
  reason!: string;

  @Field(() => Date, { nullable: true })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'memberIds' })
  windowStart!: Date;

  @Field(() => Date, { nullable: true })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'memberIds' })
  windowEnd!: Date;

  @Field(() => CareVisitStatus)
  status!: CareVisitStatus;

  @Field(() => String, { nullable: true, description: 'What the visit found, as the grid worker recorded it.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'memberIds' })
  outcome!: string | null;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  householdId!: string;
  regionPath!: string;
}

/** A visit row with the household's members, who are the subjects of the visit. */
export type CareVisitRecord = CareVisitRow & { readonly memberIds: readonly string[] };
