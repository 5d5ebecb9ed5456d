import { randomUUID } from 'node:crypto';
import { connection, invalidInput, ListSize, pathIds, validate } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { managesServicesOf } from './access';
import type { Context } from './context';
import { distanceMetres } from './distance';
import { NeighbourServiceCategory, NeighbourServiceStatus } from './enums';
import type { NeighbourService as ServiceRow, Organisation as OrganisationRow } from './generated/prisma/client';
import { nearestFirst, type ServiceNear } from './loaders';
import { NeighbourService, NeighbourServiceConnection, ServicePrice } from './neighbour-service';
import {
  CreateNeighbourServiceInput,
  createNeighbourServiceSchema,
  NearInput,
  nearSchema,
  priceSchema,
  UpdateNeighbourServiceInput,
  updateNeighbourServiceSchema,
} from './neighbour-service.inputs';
import { Organisation } from './organisation';
import { RegionReference } from './references';

export function resolveNeighbourService(reference: { id?: unknown }, context: Context): Promise<ServiceRow | null> {
  return context.loaders.service.load(String(reference.id));
}

@Resolver(() => NeighbourService)
export class NeighbourServiceResolver {
  @Query(() => NeighbourService, { nullable: true, description: 'One service by id, retired ones included.' })
  neighbourService(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<ServiceRow | null> {
    return context.loaders.service.load(id);
  }

  @Query(() => NeighbourServiceConnection, { description: 'Active services whose area covers a place, nearest provider first.' })
  async neighbourServices(
    @Arg('near', () => NearInput) near: NearInput,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('category', () => NeighbourServiceCategory, { nullable: true }) category?: NeighbourServiceCategory,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<NeighbourServiceConnection> {
    const page = await connection(
      { first, after },
      {
        key: ['number', 'string'],
        keyOf: (found: ServiceNear) => [found.distanceMetres, found.service.id],
        load: async ({ take, after: key }) => {
          const place = await locate(near, context);
          const services = await context.db.neighbourService.findMany({
            where: {
              status: NeighbourServiceStatus.ACTIVE,
              ...(category ? { category } : {}),
              areas: { some: { regionId: { in: pathIds(place.path) } } },
            },
            include: { provider: { select: { lng: true, lat: true } } },
          });
          // Distance is computed here rather than sorted on in SQL: a place is covered by tens of services,
          // and the key (distance, id) keeps pages stable either way.
          const nearest = services
            .map(({ provider, ...service }): ServiceNear => ({ service, distanceMetres: distanceMetres(place.point, provider) }))
            .sort(nearestFirst);
          const start = key
            ? nearest.findIndex((found) => found.distanceMetres > key[0] || (found.distanceMetres === key[0] && found.service.id > key[1]))
            : 0;
          return start === -1 ? [] : nearest.slice(start, start + take);
        },
      },
    );
    return {
      edges: page.edges.map((edge) => ({ node: edge.node.service, cursor: edge.cursor, distanceMetres: edge.node.distanceMetres })),
      pageInfo: page.pageInfo,
    };
  }

  @Mutation(() => NeighbourService, { description: 'An organisation’s staff add a service it offers.' })
  async createNeighbourService(
    @Arg('input', () => CreateNeighbourServiceInput) input: CreateNeighbourServiceInput,
    @Ctx() context: Context,
  ): Promise<ServiceRow> {
    assertStaffOf(context, input.providerId);
    const provider = await context.loaders.organisation.load(input.providerId);
    if (!provider) throw invalidInput('providerId', `There is no organisation ${input.providerId}.`);
    const service = validate(createNeighbourServiceSchema, input);
    const price = validate(priceSchema, { priceCents: input.priceCents ?? null, priceUnit: input.priceUnit ?? null });
    const areas = await servedAreas(service.areaRegionIds, provider, context);
    const now = context.now();
    return context.db.neighbourService.create({
      data: {
        id: `svc-${randomUUID()}`,
        providerId: provider.id,
        category: service.category,
        name: service.name,
        hours: service.hours,
        ...price,
        createdAt: now,
        updatedAt: now,
        areas: { create: areas },
      },
    });
  }

  @Mutation(() => NeighbourService, { description: 'An organisation’s staff change one of its services; a retired service cannot change.' })
  async updateNeighbourService(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateNeighbourServiceInput) input: UpdateNeighbourServiceInput,
    @Ctx() context: Context,
  ): Promise<ServiceRow> {
    const service = await ownService(id, context);
    if (service.status === NeighbourServiceStatus.RETIRED)
      throw codedError('CONFLICT', `Service ${id} is retired; create a new one instead.`);
    const changes = validate(updateNeighbourServiceSchema, input);
    // The price is one value of two fields: a field left out keeps its stored half.
    const priceGiven = input.priceCents !== undefined || input.priceUnit !== undefined;
    const price = priceGiven
      ? validate(priceSchema, {
          priceCents: input.priceCents === undefined ? service.priceCents : input.priceCents,
          priceUnit: input.priceUnit === undefined ? service.priceUnit : input.priceUnit,
        })
      : undefined;
    const provider = (await context.loaders.organisation.load(service.providerId)) as OrganisationRow;
    const areas = changes.areaRegionIds ? await servedAreas(changes.areaRegionIds, provider, context) : undefined;
    // One update statement set: the fields and, when given, the whole area replaced together.
    return context.db.neighbourService.update({
      where: { id },
      data: {
        ...(changes.category ? { category: changes.category } : {}),
        ...(changes.name ? { name: changes.name } : {}),
        ...(changes.hours ? { hours: changes.hours } : {}),
        ...(price ?? {}),
        ...(areas ? { areas: { deleteMany: {}, create: areas } } : {}),
        updatedAt: context.now(),
      },
    });
  }

  @Mutation(() => NeighbourService, {
    description: 'An organisation’s staff stop offering one of its services. Retiring twice is harmless.',
  })
  async retireNeighbourService(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<ServiceRow> {
    const service = await ownService(id, context);
    if (service.status === NeighbourServiceStatus.RETIRED) return service;
    const now = context.now();
    return context.db.neighbourService.update({
      where: { id },
      data: { status: NeighbourServiceStatus.RETIRED, retiredAt: now, updatedAt: now },
    });
  }

  @FieldResolver(() => Organisation, { description: 'Who offers it.' })
  provider(@Root() service: ServiceRow, @Ctx() context: Context): Promise<OrganisationRow | null> {
    return context.loaders.organisation.load(service.providerId);
  }

  @FieldResolver(() => ServicePrice, { nullable: true, description: 'Null: price on request (面议).' })
  price(@Root() service: ServiceRow): ServicePrice | null {
    if (service.priceCents === null || service.priceUnit === null) return null;
    const display = service.priceCents === 0 ? '免费' : `¥${(service.priceCents / 100).toFixed(2)}/${service.priceUnit}`;
    return { cents: service.priceCents, unit: service.priceUnit, display };
  }

  @ListSize({ assumedSize: 20 })
  @FieldResolver(() => [RegionReference], { description: 'The regions it covers: every place under them is served.' })
  async area(@Root() service: ServiceRow, @Ctx() context: Context): Promise<RegionReference[]> {
    return (await context.loaders.serviceAreas.load(service.id)).map((area) => ({ id: area.regionId }));
  }
}

/** The place `near` names, as a path of region ids and a point. */
async function locate(near: NearInput, context: Context): Promise<{ path: string; point: { lng: number; lat: number } }> {
  const { buildingId, regionId } = validate(nearSchema, near, 'near');
  if (buildingId) {
    const building = await context.loaders.building.load(buildingId);
    if (!building) throw codedError('NOT_FOUND', `There is no building ${buildingId}.`, { field: 'near.buildingId' });
    return { path: building.regionPath, point: { lng: building.lng, lat: building.lat } };
  }
  const region = await context.loaders.region.load(regionId as string);
  if (!region) throw codedError('NOT_FOUND', `There is no region ${regionId}.`, { field: 'near.regionId' });
  return { path: region.path, point: { lng: region.centroidLng, lat: region.centroidLat } };
}

function assertStaffOf(context: Context, organisationId: string): void {
  if (!managesServicesOf(context.caller, organisationId))
    throw codedError('FORBIDDEN', `Only staff of ${organisationId} manage its services.`);
}

/** The service, if the caller is staff of its provider. */
async function ownService(id: string, context: Context): Promise<ServiceRow> {
  const service = await context.loaders.service.load(id);
  if (!service) throw codedError('NOT_FOUND', `There is no service ${id}.`, { argument: 'id' });
  assertStaffOf(context, service.providerId);
  return service;
}

/** Known regions, each inside one the provider serves: a service cannot reach where its provider does not. */
async function servedAreas(
  ids: readonly string[],
  provider: OrganisationRow,
  context: Context,
): Promise<{ regionId: string; regionPath: string }[]> {
  const [regions, served] = await Promise.all([
    Promise.all(ids.map((id) => context.loaders.region.load(id))),
    context.loaders.organisationRegions.load(provider.id),
  ]);
  return ids.map((id, i) => {
    const region = regions[i];
    if (!region) throw invalidInput('areaRegionIds', `names no region ${id}`);
    if (!served.some((row) => region.path.includes(`/${row.regionId}/`)))
      throw invalidInput('areaRegionIds', `names ${id}, outside the regions ${provider.name} serves`);
    return { regionId: region.id, regionPath: region.path };
  });
}
