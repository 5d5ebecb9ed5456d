import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'What one run of the review-window sweep did.' })
export class ReviewWindowSweepResult {
  @Field(() => Int)
  count!: number;

  @Field(() => [ID], { description: 'Petitions closed by this run: replied, and their review window passed without a review request.' })
  closed!: string[];

  @Field({ description: 'The time the sweep ran at.' })
  ranAt!: Date;
}
