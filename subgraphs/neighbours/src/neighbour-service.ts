import { randomUUID } from 'node:crypto';
import { ListSize, pageArgs, PageInfo, pathIds, RegionReference, Sensitive, toConnection } from '@liangling/kit';
import { codedError, type Caller } from '@liangling/schema';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { Context } from './context';
import { distanceMetres } from './distance';
import type { NeighbourService as ServiceRow, Organisation as OrganisationRow } from './generated/prisma/client';
import { nearestFirst, type ServiceNear } from './loaders';
import { Organisation } from './organisation';

export enum NeighbourServiceCategory {
  ELDERLY_CARE = 'ELDERLY_CARE',
  MEALS = 'MEALS',
  HOUSEKEEPING = 'HOUSEKEEPING',
  REPAIR = 'REPAIR',
  HEALTH = 'HEALTH',
  LEGAL_AID = 'LEGAL_AID',
  VOLUNTEERING = 'VOLUNTEERING',
}
registerEnumType(NeighbourServiceCategory, { name: 'NeighbourServiceCategory', description: '养老、助餐、家政、维修、健康、法律援助、志愿服务.' });

export enum NeighbourServiceStatus {
  ACTIVE = 'ACTIVE',
  RETIRED = 'RETIRED',
}
registerEnumType(NeighbourServiceStatus, { name: 'NeighbourServiceStatus', description: 'A retired service stays on record but is offered no more.' });

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

export function resolveNeighbourService(reference: { id?: unknown }, context: Context): Promise<ServiceRow | null> {
  return context.loaders.service.load(String(reference.id));
}

@ObjectType({ description: 'A service found near a place, with how far its provider is from it.' })
class NeighbourServiceEdge {
  @Field(() => NeighbourService)
  node!: ServiceRow;

  @Field({ description: 'Opaque; pass as `after` to continue after this edge.' })
  cursor!: string;

  @Field(() => Int, { description: 'Straight-line distance from the place to the provider, in metres.' })
  distanceMetres!: number;
}

@ObjectType()
class NeighbourServiceConnection {
  @Field(() => [NeighbourServiceEdge])
  edges!: NeighbourServiceEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType({ description: 'A place: exactly one of a building or a region.' })
export class NearInput {
  @Field(() => ID, { nullable: true, description: 'Distances from the building’s point.' })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Distances from the region’s centroid.' })
  regionId?: string | null;
}

@InputType()
export class CreateNeighbourServiceInput {
  @Field(() => ID, { description: 'The organisation offering it: the caller’s own.' })
  providerId!: string;

  @Field(() => NeighbourServiceCategory)
  category!: NeighbourServiceCategory;

  @Field({ description: '1 to 60 characters.' })
  name!: string;

  @Field({ description: '"HH:MM-HH:MM", several separated by commas.' })
  hours!: string;

  @Field(() => Int, { nullable: true, description: 'In fen (分); 0 is free; omitted: price on request (面议). Needs `priceUnit`.' })
  priceCents?: number | null;

  @Field(() => String, { nullable: true, description: 'What one price buys, 1 to 10 characters: 次, 小时, 餐 …' })
  priceUnit?: string | null;

  @Field(() => [ID], { description: 'Regions it covers (every place under them), each inside a region the provider serves; 1 to 20.' })
  areaRegionIds!: string[];
}

@InputType({ description: 'Only the fields given change; `priceCents: null` makes the price "on request".' })
export class UpdateNeighbourServiceInput {
  @Field(() => NeighbourServiceCategory, { nullable: true })
  category?: NeighbourServiceCategory | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  hours?: string | null;

  @Field(() => Int, { nullable: true })
  priceCents?: number | null;

  @Field(() => String, { nullable: true })
  priceUnit?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the whole area.' })
  areaRegionIds?: string[] | null;
}

const HOURS = /^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const MAX_PRICE_CENTS = 10_000_000;
const MAX_AREAS = 20;

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
    const { take, afterKey } = pageArgs(first, after);
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
    // and the cursor (distance, id) keeps pages stable either way.
    const nearest = services
      .map(({ provider, ...service }): ServiceNear => ({ service, distanceMetres: distanceMetres(place.point, provider) }))
      .sort(nearestFirst)
      .filter((near) => !afterKey || cursorKey(near) > afterKey);
    const page = toConnection(nearest.slice(0, take + 1), take, cursorKey);
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
    assertStaffOf(context.caller, input.providerId);
    const provider = await context.loaders.organisation.load(input.providerId);
    if (!provider) throw codedError('BAD_USER_INPUT', `There is no organisation ${input.providerId}.`, { field: 'providerId' });
    const name = checkName(input.name);
    const hours = checkHours(input.hours);
    const price = checkPrice(input.priceCents ?? null, input.priceUnit ?? null);
    const areas = await checkAreas(input.areaRegionIds, provider, context);
    const now = context.now();
    return context.db.neighbourService.create({
      data: {
        id: `svc-${randomUUID()}`,
        providerId: provider.id,
        category: input.category,
        name,
        hours,
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
    if (service.status === NeighbourServiceStatus.RETIRED) throw codedError('CONFLICT', `Service ${id} is retired; create a new one instead.`);
    if (input.category === null) throw codedError('BAD_USER_INPUT', 'category cannot be null; leave it out to keep it.', { field: 'category' });
    const name = input.name === undefined || input.name === null ? undefined : checkName(input.name);
    const hours = input.hours === undefined || input.hours === null ? undefined : checkHours(input.hours);
    const priceGiven = input.priceCents !== undefined || input.priceUnit !== undefined;
    const price = priceGiven
      ? checkPrice(input.priceCents === undefined ? service.priceCents : input.priceCents, input.priceUnit === undefined ? service.priceUnit : input.priceUnit)
      : undefined;
    const provider = (await context.loaders.organisation.load(service.providerId)) as OrganisationRow;
    const areas = input.areaRegionIds === undefined || input.areaRegionIds === null ? undefined : await checkAreas(input.areaRegionIds, provider, context);
    // One update statement set: the fields and, when given, the whole area replaced together.
    return context.db.neighbourService.update({
      where: { id },
      data: {
        ...(input.category ? { category: input.category } : {}),
        ...(name ? { name } : {}),
        ...(hours ? { hours } : {}),
        ...(price ?? {}),
        ...(areas ? { areas: { deleteMany: {}, create: areas } } : {}),
        updatedAt: context.now(),
      },
    });
  }

  @Mutation(() => NeighbourService, { description: 'An organisation’s staff stop offering one of its services. Retiring twice is harmless.' })
  async retireNeighbourService(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<ServiceRow> {
    const service = await ownService(id, context);
    if (service.status === NeighbourServiceStatus.RETIRED) return service;
    const now = context.now();
    return context.db.neighbourService.update({ where: { id }, data: { status: NeighbourServiceStatus.RETIRED, retiredAt: now, updatedAt: now } });
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

/** Distance first, zero-padded so that the text order is the numeric order; then id. */
function cursorKey(near: ServiceNear): string {
  return `${String(near.distanceMetres).padStart(9, '0')}:${near.service.id}`;
}

/** The place `near` names, as a path of region ids and a point. */
async function locate(near: NearInput, context: Context): Promise<{ path: string; point: { lng: number; lat: number } }> {
  const { buildingId, regionId } = near;
  if ((buildingId ? 1 : 0) + (regionId ? 1 : 0) !== 1) {
    throw codedError('BAD_USER_INPUT', 'near must give exactly one of buildingId or regionId.', { field: 'near' });
  }
  if (buildingId) {
    const building = await context.loaders.building.load(buildingId);
    if (!building) throw codedError('NOT_FOUND', `There is no building ${buildingId}.`, { field: 'near.buildingId' });
    return { path: building.regionPath, point: { lng: building.lng, lat: building.lat } };
  }
  const region = await context.loaders.region.load(regionId as string);
  if (!region) throw codedError('NOT_FOUND', `There is no region ${regionId}.`, { field: 'near.regionId' });
  return { path: region.path, point: { lng: region.centroidLng, lat: region.centroidLat } };
}

function assertStaffOf(caller: Caller, organisationId: string): void {
  if (caller.role !== 'partner' || caller.organisation !== organisationId) {
    throw codedError('FORBIDDEN', `Only staff of ${organisationId} manage its services.`);
  }
}

/** The service, if the caller is staff of its provider. */
async function ownService(id: string, context: Context): Promise<ServiceRow> {
  const service = await context.loaders.service.load(id);
  if (!service) throw codedError('NOT_FOUND', `There is no service ${id}.`, { argument: 'id' });
  assertStaffOf(context.caller, service.providerId);
  return service;
}

function checkName(value: string): string {
  const name = value.trim();
  if (name.length < 1 || name.length > 60) throw codedError('BAD_USER_INPUT', 'name must be 1 to 60 characters.', { field: 'name' });
  return name;
}

function checkHours(value: string): string {
  const ranges = value.split(',').map((range) => range.trim());
  const valid = ranges.length <= 4 && ranges.every((range) => HOURS.test(range) && range.slice(0, 5) < range.slice(6));
  if (!valid) throw codedError('BAD_USER_INPUT', 'hours must be "HH:MM-HH:MM" (start before end), up to 4 separated by commas.', { field: 'hours' });
  return ranges.join(', ');
}

function checkPrice(cents: number | null, unit: string | null): { priceCents: number | null; priceUnit: string | null } {
  if (cents === null) {
    if (unit !== null) throw codedError('BAD_USER_INPUT', 'priceUnit needs priceCents; leave both out for a price on request.', { field: 'priceUnit' });
    return { priceCents: null, priceUnit: null };
  }
  if (!Number.isInteger(cents) || cents < 0 || cents > MAX_PRICE_CENTS) {
    throw codedError('BAD_USER_INPUT', `priceCents must be a whole number of fen from 0 to ${MAX_PRICE_CENTS}.`, { field: 'priceCents' });
  }
  const trimmed = unit?.trim() ?? '';
  if (trimmed.length < 1 || trimmed.length > 10) throw codedError('BAD_USER_INPUT', 'priceUnit must be 1 to 10 characters when priceCents is given.', { field: 'priceUnit' });
  return { priceCents: cents, priceUnit: trimmed };
}

/** Known regions, each inside one the provider serves: a service cannot reach where its provider does not. */
async function checkAreas(regionIds: readonly string[], provider: OrganisationRow, context: Context): Promise<{ regionId: string; regionPath: string }[]> {
  const ids = [...new Set(regionIds)];
  if (ids.length < 1 || ids.length > MAX_AREAS) throw codedError('BAD_USER_INPUT', `areaRegionIds must name 1 to ${MAX_AREAS} regions.`, { field: 'areaRegionIds' });
  const [regions, served] = await Promise.all([
    Promise.all(ids.map((id) => context.loaders.region.load(id))),
    context.loaders.organisationRegions.load(provider.id),
  ]);
  return ids.map((id, i) => {
    const region = regions[i];
    if (!region) throw codedError('BAD_USER_INPUT', `areaRegionIds: there is no region ${id}.`, { field: 'areaRegionIds' });
    if (!served.some((row) => region.path.includes(`/${row.regionId}/`))) {
      throw codedError('BAD_USER_INPUT', `areaRegionIds: ${id} is outside the regions ${provider.name} serves.`, { field: 'areaRegionIds' });
    }
    return { regionId: region.id, regionPath: region.path };
  });
}
