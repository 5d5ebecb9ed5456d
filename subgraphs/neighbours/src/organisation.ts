import { Sensitive } from '@liangling/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { OrganisationKind } from './enums';

@ObjectType({
  description: 'A big neighbour (大邻居): a merchant, property company, utility, hospital, school, social organisation or government body.',
})
@Directive('@key(fields: "id")')
export class Organisation {
  @Field(() => ID)
  id!: string;

  @Sensitive({ level: 'PUBLIC' })
  @Field()
  name!: string;

  @Field(() => OrganisationKind)
  kind!: OrganisationKind;

  @Sensitive({ level: 'PUBLIC' })
  @Field({ description: 'The organisation’s business line: public, unlike any person’s number.' })
  phone!: string;

  @Sensitive({ level: 'PUBLIC' })
  @Field()
  address!: string;

  lng!: number;
  lat!: number;
}
