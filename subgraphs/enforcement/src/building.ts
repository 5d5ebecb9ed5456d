import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The residents department's building, seen from here: only its key, for where a case is. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Building {
  @Field(() => ID)
  id!: string;
}
