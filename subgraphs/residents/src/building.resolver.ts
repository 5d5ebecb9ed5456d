import { ListSize, Sensitive } from '@liangling/kit';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Building } from './building';
import type { Context } from './context';
import type { Building as BuildingRow, Household as HouseholdRow, Region as RegionRow } from './generated/prisma/client';
import { GeoPoint } from './geometry';
import { Household } from './household';
import { Region } from './region';

export function resolveBuilding(reference: { id?: unknown }, context: Context): Promise<BuildingRow | null> {
  return context.loaders.building.load(String(reference.id));
}

@Resolver(() => Building)
export class BuildingResolver {
  @Query(() => Building, { nullable: true, description: 'One building by id.' })
  building(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<BuildingRow | null> {
    return context.loaders.building.load(id);
  }

  @Sensitive({ level: 'PUBLIC' })
  @FieldResolver(() => GeoPoint)
  location(@Root() building: BuildingRow): GeoPoint {
    return { lng: building.lng, lat: building.lat };
  }

  @ListSize({ assumedSize: 200 })
  @FieldResolver(() => [Household], {
    description: 'The flats of the building, unit by unit; who lives in them is personal (`Household.members`).',
  })
  households(@Root() building: BuildingRow, @Ctx() context: Context): Promise<HouseholdRow[]> {
    return context.loaders.buildingHouseholds.load(building.id);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The grid the building belongs to.' })
  grid(@Root() building: BuildingRow, @Ctx() context: Context): Promise<RegionRow | null> {
    return context.loaders.region.load(building.gridId);
  }
}
