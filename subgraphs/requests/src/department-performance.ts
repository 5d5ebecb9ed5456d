import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'How a department handled repair requests (its own, or its share of joint resolutions) made in a period.' })
export class RequestPerformance {
  @Field(() => Int, { description: 'Requests (for city management) or joint tasks (for any other department) in the period.' })
  handled!: number;

  @Field(() => Float, { nullable: true, description: 'Median hours to respond: submission to acceptance, or a joint task opened to done.' })
  medianResponseHours!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share done within the SLA, 0 to 1, over those finished.' })
  onTimeRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Satisfaction: the residents’ average rating, 1 to 5, of the requests it handled.' })
  satisfaction!: number | null;

  @Field(() => Int)
  ratedCount!: number;

  @Field(() => Int, { description: 'Requests escalated at least once (city management only; 0 otherwise).' })
  escalated!: number;
}
