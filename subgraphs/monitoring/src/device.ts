import { ConnectionType } from '@liangling/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DeviceKind, DeviceStatus } from './enums';
import { BuildingReference, HouseholdReference, RegionReference } from './references';

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

/** A page of devices (`devices`). */
export const DeviceConnection = ConnectionType('Device', Device);
