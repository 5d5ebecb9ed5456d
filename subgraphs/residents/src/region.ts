import { Sensitive } from '@liangling/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { RegionLevel } from './enums';

@ObjectType({ description: 'A place of the grid hierarchy, from the city down to a grid.' })
@Directive('@key(fields: "id")')
export class Region {
  @Field(() => ID)
  id!: string;

  @Field(() => RegionLevel)
  level!: RegionLevel;

  @Sensitive({ level: 'PUBLIC' })
  @Field()
  name!: string;

  parentId!: string | null;
  path!: string;
  centroidLng!: number;
  centroidLat!: number;
  polygon!: string;
}
