import { ListSize, pathIds, underPath } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { NeighbourServiceStatus, OrganisationKind } from './enums';
import type { NeighbourService as ServiceRow, Organisation as OrganisationRow } from './generated/prisma/client';
import { NeighbourService } from './neighbour-service';
import { Organisation } from './organisation';
import { RegionReference } from './references';

export function resolveOrganisation(reference: { id?: unknown }, context: Context): Promise<OrganisationRow | null> {
  return context.loaders.organisation.load(String(reference.id));
}

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, { nullable: true, description: 'One organisation by id.' })
  organisation(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<OrganisationRow | null> {
    return context.loaders.organisation.load(id);
  }

  @ListSize({ assumedSize: 100 })
  @Query(() => [Organisation], {
    description: 'Organisations of a kind, serving somewhere in a region (a served region covering it or inside it), or both; by id.',
  })
  async organisations(
    @Ctx() context: Context,
    @Arg('kind', () => OrganisationKind, { nullable: true }) kind?: OrganisationKind,
    @Arg('regionId', () => ID, { nullable: true }) regionId?: string,
  ): Promise<OrganisationRow[]> {
    const region = regionId ? await context.loaders.region.load(regionId) : undefined;
    if (region === null) throw codedError('NOT_FOUND', `There is no region ${regionId}.`, { argument: 'regionId' });
    return context.db.organisation.findMany({
      where: {
        ...(kind ? { kind } : {}),
        ...(region
          ? { regions: { some: { OR: [{ regionId: { in: pathIds(region.path) } }, { regionPath: underPath(region.path) }] } } }
          : {}),
      },
      orderBy: { id: 'asc' },
    });
  }

  @ListSize({ assumedSize: 20 })
  @FieldResolver(() => [RegionReference], { description: 'The regions it serves.' })
  async regions(@Root() organisation: OrganisationRow, @Ctx() context: Context): Promise<RegionReference[]> {
    return (await context.loaders.organisationRegions.load(organisation.id)).map((row) => ({ id: row.regionId }));
  }

  @ListSize({ assumedSize: 30 })
  @FieldResolver(() => [NeighbourService], { description: 'The services it offers, by id; retired ones only when asked for.' })
  async services(
    @Root() organisation: OrganisationRow,
    @Ctx() context: Context,
    @Arg('includeRetired', { defaultValue: false }) includeRetired: boolean,
  ): Promise<ServiceRow[]> {
    const services = await context.loaders.servicesByProvider.load(organisation.id);
    return includeRetired ? services : services.filter((service) => service.status === NeighbourServiceStatus.ACTIVE);
  }
}
