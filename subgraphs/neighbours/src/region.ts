import { Arg, Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import type { NeighbourService as ServiceRow } from './generated/prisma/client';
import { regionKey } from './loaders';
import { NeighbourService, NeighbourServiceCategory } from './neighbour-service';

/**
 * The residents department's entity, seen from here: a key and the services available in it. Where
 * a region lies comes from this department's read model of places (prisma/schema.prisma).
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class Region {
  @Field(() => ID)
  id!: string;
}

@Resolver(() => Region)
export class RegionServicesResolver {
  @FieldResolver(() => [NeighbourService], {
    description: 'Neighbour services available in the region (an area covering it or inside it), nearest its centroid first.',
  })
  async neighbourServices(
    @Root() region: Region,
    @Ctx() context: Context,
    @Arg('category', () => NeighbourServiceCategory, { nullable: true }) category?: NeighbourServiceCategory,
  ): Promise<ServiceRow[]> {
    return (await context.loaders.servicesInRegion.load(regionKey(region.id, category))).map((near) => near.service);
  }
}

/** Any region id is a valid reference here: residents owns regions, this department only adds to them. */
export function resolveRegion(reference: { id?: unknown }): Region {
  return { id: String(reference.id) };
}
