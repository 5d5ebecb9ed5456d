import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The residents department's entity, seen from here: only its key, for a party who is a resident. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Resident {
  @Field(() => ID)
  id!: string;
}
