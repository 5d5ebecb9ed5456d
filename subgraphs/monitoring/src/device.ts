import { BuildingReference, HouseholdReference, pathIds, RegionReference, Sensitive } from '@liangling/kit';
import { codedError, type RowScope } from '@liangling/schema';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { DEVICE_KINDS, DeviceKind, DeviceStatus } from './device-kind';
import type { Device as DeviceRow } from './generated/prisma/client';
import { EMERGENCY } from './places';

@ObjectType({ description: 'Where a device is installed: its grid, and the building and household when it is inside one.' })
export class DevicePlace {
  @Field(() => [ID], { description: 'Region ids from the city down to the grid.' })
  regionPath!: string[];

  @Field(() => RegionReference, { description: 'The grid (网格) it is in.' })
  grid!: RegionReference;

  @Field(() => BuildingReference, { nullable: true, description: 'The building, unless it is a device of the street (a manhole).' })
  building!: BuildingReference | null;

  @Field(() => HouseholdReference, { nullable: true, description: 'The household of a water meter.' })
  household!: HouseholdReference | null;
}

@ObjectType({ description: 'A device of the video-monitoring and IoT platforms (视频监控、物联感知).' })
@Directive('@key(fields: "id")')
export class Device {
  @Field(() => ID)
  id!: string;

  @Field(() => DeviceKind)
  kind!: DeviceKind;

  @Field(() => DeviceStatus)
  status!: DeviceStatus;

  @Field(() => Date, { nullable: true, description: 'When it last sent a reading.' })
  lastSeenAt!: Date | null;

  @Field({ description: 'What its readings measure: %obs/m, %LEL, L, cm, state, activity.' })
  unit!: string;
}

/** Devices are the emergency department's records; where they are is for staff only (INTERNAL). */
export function deviceScope(row: DeviceRow): RowScope {
  return { subjectIds: [], regionPath: pathIds(row.regionPath), departments: [EMERGENCY] };
}

@Resolver(() => Device)
export class DeviceResolver {
  @Query(() => Device, { nullable: true, description: 'One device by id; staff only.' })
  @Sensitive({ level: 'INTERNAL' })
  async device(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<DeviceRow | null> {
    return context.loaders.device.load(id);
  }

  @FieldResolver(() => String)
  unit(@Root() device: DeviceRow): string {
    const spec = DEVICE_KINDS[device.kind as DeviceKind];
    if (!spec) throw codedError('INTERNAL_SERVER_ERROR', `Device ${device.id} has an unknown kind.`);
    return spec.unit;
  }

  @FieldResolver(() => DevicePlace, { nullable: true, description: 'Where it is installed.' })
  @Sensitive({ level: 'INTERNAL' })
  place(@Root() device: DeviceRow): DevicePlace {
    const regionPath = pathIds(device.regionPath);
    return {
      regionPath,
      grid: { id: regionPath.at(-1) ?? '' },
      building: device.buildingId ? { id: device.buildingId } : null,
      household: device.householdId ? { id: device.householdId } : null,
    };
  }

  @FieldResolver(() => String, { nullable: true, description: 'Where a camera’s live video is served; the emergency department’s secret.' })
  @Sensitive({ level: 'SECRET' })
  streamAddress(@Root() device: DeviceRow): string | null {
    return device.streamAddress;
  }
}

export async function resolveDevice(reference: { id?: unknown }, context: Context): Promise<DeviceRow | null> {
  return context.loaders.device.load(String(reference.id));
}
