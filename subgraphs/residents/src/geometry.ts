import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A WGS84 point.' })
export class GeoPoint {
  @Field(() => Float)
  lng!: number;

  @Field(() => Float)
  lat!: number;
}

@ObjectType({ description: 'A GeoJSON Polygon geometry (WGS84).' })
export class GeoPolygon {
  @Field()
  type!: string;

  @Field(() => [[[Float]]])
  coordinates!: number[][][];
}
