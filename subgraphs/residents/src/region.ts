import { type ConnectionShape, ListSize, pageArgs, pathRange, Sensitive, toConnection } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, Directive, Field, FieldResolver, Float, ID, Int, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { BuildingConnection } from './building';
import { Prisma, type Building as BuildingRow, type Region as RegionRow } from './generated/prisma/client';
import type { Context } from './context';
import { inOrder, parsePlaceKey, placeKey } from './places';

export enum RegionLevel {
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  STREET = 'STREET',
  COMMUNITY = 'COMMUNITY',
  GRID = 'GRID',
}
registerEnumType(RegionLevel, { name: 'RegionLevel', description: 'City → district (区) → street (街道) → community (社区) → grid (网格).' });

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

export function resolveRegion(reference: { id?: unknown }, context: Context): Promise<RegionRow | null> {
  return context.loaders.region.load(String(reference.id));
}

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { nullable: true, description: 'One region by id.' })
  region(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<RegionRow | null> {
    return context.loaders.region.load(id);
  }

  @ListSize({ slicingArguments: ['first'], assumedSize: 5000 })
  @Query(() => [Region], { description: 'Regions of a level, or the children of a parent (both narrow the list), by id.' })
  async regions(
    @Ctx() context: Context,
    @Arg('level', () => RegionLevel, { nullable: true }) level?: RegionLevel,
    @Arg('parentId', () => ID, { nullable: true }) parentId?: string,
    @Arg('first', () => Int, { defaultValue: 100, description: 'At most this many (up to 5,000).' }) first = 100,
  ): Promise<RegionRow[]> {
    if (!level && !parentId) throw codedError('BAD_USER_INPUT', 'Give a level, a parentId, or both.', { argument: 'level' });
    return context.db.region.findMany({
      where: { ...(level ? { level } : {}), ...(parentId ? { parentId } : {}) },
      orderBy: { id: 'asc' },
      take: first,
    });
  }

  @FieldResolver(() => Region, { nullable: true })
  parent(@Root() region: RegionRow, @Ctx() context: Context): Promise<RegionRow | null> | null {
    return region.parentId ? context.loaders.region.load(region.parentId) : null;
  }

  @ListSize({ assumedSize: 50 })
  @FieldResolver(() => [Region])
  children(@Root() region: RegionRow, @Ctx() context: Context): Promise<RegionRow[]> {
    return context.loaders.regionChildren.load(region.id);
  }

  @FieldResolver(() => GeoPoint)
  centroid(@Root() region: RegionRow): GeoPoint {
    return { lng: region.centroidLng, lat: region.centroidLat };
  }

  @FieldResolver(() => GeoPolygon)
  polygon(@Root() region: RegionRow): GeoPolygon {
    return JSON.parse(region.polygon) as GeoPolygon;
  }

  @FieldResolver(() => BuildingConnection, { description: 'Buildings in the region (of any level), grid by grid.' })
  async buildings(
    @Root() region: RegionRow,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConnectionShape<BuildingRow>> {
    const { take, afterKey } = pageArgs(first, after);
    const { lower, upper } = pathRange(region.path);
    const cursor = afterKey ? parsePlaceKey(afterKey) : undefined;
    // One range of the (regionPath, id) index; the row-value comparison resumes after the cursor.
    const ids = await context.db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Building" WHERE "regionPath" >= ${lower} AND "regionPath" < ${upper}${
      cursor ? Prisma.sql` AND ("regionPath", "id") > (${cursor.regionPath}, ${cursor.id})` : Prisma.empty
    } ORDER BY "regionPath", "id" LIMIT ${take + 1}`;
    const rows = await context.db.building.findMany({ where: { id: { in: ids.map((row) => row.id) } } });
    return toConnection(inOrder(ids.map((row) => row.id), rows), take, placeKey);
  }
}

