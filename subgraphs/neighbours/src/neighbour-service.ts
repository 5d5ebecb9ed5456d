import { PageInfo, Sensitive } from '@liangling/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { NeighbourServiceCategory, NeighbourServiceStatus } from './enums';
import type { NeighbourService as ServiceRow } from './generated/prisma/client';

@ObjectType({ description: 'What a service costs.' })
export class ServicePrice {
  @Field(() => Int, { description: 'In fen (分); 0 is free.' })
  cents!: number;

  @Field({ description: 'What one price buys: 次, 小时, 餐 …' })
  unit!: string;

  @Field({ description: 'For display: "¥15.00/餐", or "免费".' })
  display!: string;
}

@ObjectType({ description: 'A service a big neighbour offers the residents around it (便民服务). Public.' })
@Directive('@key(fields: "id")')
export class NeighbourService {
  @Field(() => ID)
  id!: string;

  @Field(() => NeighbourServiceCategory)
  category!: NeighbourServiceCategory;

  @Sensitive({ level: 'PUBLIC' })
  @Field()
  name!: string;

  @Field({ description: 'Opening hours, "HH:MM-HH:MM", several separated by commas; "00:00-24:00" is round the clock.' })
  hours!: string;

  @Field(() => NeighbourServiceStatus)
  status!: NeighbourServiceStatus;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  retiredAt!: Date | null;

  providerId!: string;
  priceCents!: number | null;
  priceUnit!: string | null;
}

@ObjectType({ description: 'A service found near a place, with how far its provider is from it.' })
export class NeighbourServiceEdge {
  @Field(() => NeighbourService)
  node!: ServiceRow;

  @Field({ description: 'Opaque; pass as `after` to continue after this edge.' })
  cursor!: string;

  @Field(() => Int, { description: 'Straight-line distance from the place to the provider, in metres.' })
  distanceMetres!: number;
}

@ObjectType()
export class NeighbourServiceConnection {
  @Field(() => [NeighbourServiceEdge])
  edges!: NeighbourServiceEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
