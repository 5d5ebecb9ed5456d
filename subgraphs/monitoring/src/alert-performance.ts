import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'How a department handled the alerts routed to it that were raised in a period (监督考核).' })
export class AlertPerformance {
  @Field(() => Int)
  raised!: number;

  @Field(() => Int, { description: 'Of those raised, how many were acknowledged (resolved ones included).' })
  acknowledged!: number;

  @Field(() => Int)
  resolved!: number;

  @Field(() => Int, { description: 'Still OPEN: nobody has taken them on.' })
  open!: number;

  @Field(() => Float, { nullable: true, description: 'Median minutes from raising to acknowledging; null when none was acknowledged.' })
  medianMinutesToAcknowledge!: number | null;
}
