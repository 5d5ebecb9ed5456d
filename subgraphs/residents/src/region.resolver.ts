import { connection, ListSize, type ConnectionShape } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { BuildingConnection } from './building';
import type { Context } from './context';
import { RegionLevel } from './enums';
import type { Building as BuildingRow, Region as RegionRow } from './generated/prisma/client';
import { GeoPoint, GeoPolygon } from './geometry';
import { PLACE_KEY, placeKeyOf, rowsInPlace } from './places';
import { Region } from './region';

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
  buildings(
    @Root() region: RegionRow,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConnectionShape<BuildingRow>> {
    return connection(
      { first, after },
      {
        key: PLACE_KEY,
        keyOf: placeKeyOf,
        load: (page) =>
          rowsInPlace(context.db, 'Building', region.path, page, (ids) => context.db.building.findMany({ where: { id: { in: ids } } })),
      },
    );
  }
}
