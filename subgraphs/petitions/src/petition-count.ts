import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'One protected count: exact for the petitions office; for everyone else null (`suppressed`) below 5, zero included, and otherwise rounded to 5 after keyed noise.',
})
export class PetitionCount {
  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' })
  value!: number | null;

  @Field({ description: 'True when the count was withheld because it is under 5.' })
  suppressed!: boolean;
}
