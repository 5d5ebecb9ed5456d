import { ConnectionType, Sensitive } from '@liangling/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A residential building (楼宇) in a grid.' })
@Directive('@key(fields: "id")')
export class Building {
  @Field(() => ID)
  id!: string;

  @Sensitive({ level: 'PUBLIC' })
  @Field()
  name!: string;

  @Sensitive({ level: 'PUBLIC' })
  @Field({ description: 'Street address of the building (not of any household in it).' })
  address!: string;

  gridId!: string;
  regionPath!: string;
  lng!: number;
  lat!: number;
}

/** A page of buildings. */
export const BuildingConnection = ConnectionType('Building', Building);
