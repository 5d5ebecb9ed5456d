import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The neighbours department's entity, seen from here: only its key, for a party that is an organisation. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Organisation {
  @Field(() => ID)
  id!: string;
}
