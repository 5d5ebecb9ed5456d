import { ListSize } from '@liangling/kit';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { NeighbourServiceCategory } from './enums';
import type { NeighbourService as ServiceRow } from './generated/prisma/client';
import { regionKey } from './loaders';
import { NeighbourService } from './neighbour-service';
import { RegionReference } from './references';

/**
 * The residents department's entity, seen from here: a key and the services available in it. Where
 * a region lies comes from this department's read model of places (prisma/schema.prisma).
 */
@Resolver(() => RegionReference)
export class RegionServicesResolver {
  @ListSize({ assumedSize: 50 })
  @FieldResolver(() => [NeighbourService], {
    description: 'Neighbour services available in the region (an area covering it or inside it), nearest its centroid first.',
  })
  async neighbourServices(
    @Root() region: RegionReference,
    @Ctx() context: Context,
    @Arg('category', () => NeighbourServiceCategory, { nullable: true }) category?: NeighbourServiceCategory,
  ): Promise<ServiceRow[]> {
    return (await context.loaders.servicesInRegion.load(regionKey(region.id, category))).map((near) => near.service);
  }
}
