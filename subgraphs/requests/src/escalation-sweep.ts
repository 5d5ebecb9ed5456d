import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'What one run of the escalation sweep did.' })
export class EscalationSweepResult {
  @Field(() => Int)
  count!: number;

  @Field(() => [ID], { description: 'Requests moved up one tier by this run.' })
  escalated!: string[];

  @Field({ description: 'The time the sweep ran at.' })
  ranAt!: Date;
}
