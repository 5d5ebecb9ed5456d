import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The residents department's entity, seen from here: a key only. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Household {
  @Field(() => ID)
  id!: string;
}
