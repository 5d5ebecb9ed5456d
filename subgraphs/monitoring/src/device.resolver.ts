import {
  connection,
  keysetAfter,
  keysetOrderBy,
  pathIds,
  Sensitive,
  validate,
  type ConnectionShape,
  type KeysetOrder,
} from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { mayListDevices, mayReadReadings } from './access';
import type { Context } from './context';
import { Device, DeviceConnection, DevicePlace } from './device';
import { DEVICE_KINDS } from './device-kind';
import { DeviceKind, DeviceStatus } from './enums';
import type { Device as DeviceRow, Prisma } from './generated/prisma/client';
import { hourlyReadings } from './hourly-readings';
import { ReadingHourConnection, type ReadingHour } from './reading';
import { readingPeriodSchema } from './reading.inputs';
import { HOUR_MS } from './sql-time';

/** The order of `devices`: by id. */
const BY_ID: KeysetOrder = [['id', 'asc']];

@Resolver(() => Device)
export class DeviceResolver {
  @Query(() => Device, { nullable: true, description: 'One device by id; staff only.' })
  @Sensitive({ level: 'INTERNAL' })
  async device(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<DeviceRow | null> {
    return context.loaders.device.load(id);
  }

  @Query(() => DeviceConnection, {
    nullable: true,
    description:
      'Devices by id, narrowed by status (as the heartbeat sweep left it), kinds, and last reading before a moment: `devices(status: OFFLINE, lastSeenBefore: …)` lists those silent for longer than that. Staff only.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async devices(
    @Ctx() context: Context,
    @Arg('status', () => DeviceStatus, { nullable: true }) status?: DeviceStatus | null,
    @Arg('kinds', () => [DeviceKind], { nullable: true, description: 'Only these kinds; all when omitted.' }) kinds?: DeviceKind[] | null,
    @Arg('lastSeenBefore', () => Date, {
      nullable: true,
      description: 'Only devices whose last reading is older than this (or that never sent one).',
    })
    lastSeenBefore?: Date | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first = 100,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ConnectionShape<DeviceRow>> {
    if (!mayListDevices(context.caller)) throw codedError('FORBIDDEN', 'Listing devices is for staff.');
    const where: Prisma.DeviceWhereInput = {
      ...(status ? { status } : {}),
      ...(kinds && kinds.length > 0 ? { kind: { in: kinds } } : {}),
      ...(lastSeenBefore ? { OR: [{ lastSeenAt: { lt: lastSeenBefore } }, { lastSeenAt: null }] } : {}),
    };
    return connection(
      { first, after },
      {
        key: ['string'],
        keyOf: (row) => [row.id],
        load: ({ take, after: key }) =>
          context.db.device.findMany({
            where: { AND: [where, keysetAfter<Prisma.DeviceWhereInput>(BY_ID, key)] },
            orderBy: keysetOrderBy<Prisma.DeviceOrderByWithRelationInput>(BY_ID),
            take,
          }),
      },
    );
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

  @FieldResolver(() => ReadingHourConnection, {
    nullable: true,
    description:
      'Its readings hour by hour, oldest first: each hour that starts in [from, to) and holds a reading. Reaches back 400 days (raw readings are kept for a week, then rolled up into their hours). As raw readings: for the early-warning engine and the emergency department.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async hourlyReadings(
    @Root() device: DeviceRow,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: 168, description: 'At most this many hours (up to 500; a week is 168).' }) first = 168,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ConnectionShape<ReadingHour>> {
    // Readings say when people are home: the same rule as the raw readings, before anything is read.
    if (!mayReadReadings(context.caller))
      throw codedError('FORBIDDEN', 'Readings are for the early-warning engine and the emergency department.');
    validate(readingPeriodSchema, { from, to });
    return connection(
      { first, after },
      {
        key: ['date'],
        keyOf: (hour) => [hour.hour],
        // Hours are whole: the page after an hour starts an hour later.
        load: async ({ take, after: key }) => {
          const start = key ? new Date(Math.max(from.getTime(), key[0].getTime() + HOUR_MS)) : from;
          const hours = await hourlyReadings(context.db, device.id, start, to, take);
          return hours.map((hour) => ({ ...hour, mean: hour.sum / hour.count }));
        },
      },
    );
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
