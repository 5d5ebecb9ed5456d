import { Field, ObjectType } from 'type-graphql';
import { CaseType } from './enums';

/**
 * 行政处罚公示: what the public may know of a closed case. A type of its own, not a view of
 * `EnforcementCase`, so that nothing else of a case (party, officer, place, evidence) can be asked for
 * through it.
 */
@ObjectType({ description: 'A published enforcement decision (行政处罚公示): no party, no officer, no evidence.' })
export class PublicDecision {
  @Field()
  caseNumber!: string;

  @Field(() => CaseType)
  type!: CaseType;

  @Field(() => Date, { description: 'When the decision was made.' })
  decidedAt!: Date;

  @Field(() => Date, { description: 'When the case was closed and the decision published.' })
  closedAt!: Date;

  @Field({ description: 'The published summary of the decision.' })
  summary!: string;
}
