import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'How the enforcement department performed over a period (监督考核).' })
export class EnforcementPerformance {
  @Field(() => Int, { description: 'Cases registered in the period.' })
  casesOpened!: number;

  @Field(() => Int, { description: 'Cases closed in the period.' })
  casesClosed!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Median days from registration to closing of the cases closed in the period; null when none was.',
  })
  medianDaysToClose!: number | null;
}
