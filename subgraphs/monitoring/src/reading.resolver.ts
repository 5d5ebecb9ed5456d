import { ListSize, Sensitive, validate } from '@liangling/kit';
import { codedError, hasScope } from '@liangling/schema';
import { Arg, Ctx, Float, Int, Mutation, Query, Resolver } from 'type-graphql';
import { isEmergencyOfficer, mayReadReadings } from './access';
import type { Context } from './context';
import { DeviceKind } from './enums';
import { ingestReadings } from './ingestion';
import { markSilentDevicesOffline } from './jobs/heartbeat-sweep';
import { DeviceUsage, IngestResult, SensorReading, SweepResult } from './reading';
import { ReadingInput, readingBatchSchema, readingPeriodSchema } from './reading.inputs';

@Resolver()
export class ReadingResolver {
  @Mutation(() => IngestResult, {
    description:
      'The IoT platform’s device gateway sends a batch of readings (up to 10,000). Each is validated alone; the valid ones are stored in one transaction, once per (device, time).',
  })
  async ingestReadings(@Arg('readings', () => [ReadingInput]) readings: ReadingInput[], @Ctx() context: Context): Promise<IngestResult> {
    const { caller } = context;
    if (!hasScope(caller, 'readings:write'))
      throw codedError('FORBIDDEN', 'Only a credential with the readings:write scope (the device gateway) sends readings.');
    validate(readingBatchSchema, { readings });
    const outcome = await ingestReadings(context.db, readings, context.now());
    return { accepted: outcome.accepted, duplicates: outcome.duplicates, rejected: [...outcome.rejected] };
  }

  @Mutation(() => SweepResult, {
    description: 'Marks devices silent for longer than their kind’s heartbeat OFFLINE (also run on a schedule).',
  })
  async sweepSilentDevices(@Ctx() context: Context): Promise<SweepResult> {
    if (!hasScope(context.caller, 'readings:write') && !isEmergencyOfficer(context.caller)) {
      throw codedError('FORBIDDEN', 'The heartbeat sweep is run by the device platform (readings:write) or the emergency department.');
    }
    return { markedOffline: await markSilentDevicesOffline(context.db, context.now()) };
  }

  @ListSize({ slicingArguments: ['first'], assumedSize: 2000 })
  @Query(() => [SensorReading], {
    nullable: true,
    description:
      'Readings of devices of the given kinds in [from, to) at or above `atLeast`, newest first (at most `first`); for early warning.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async deviceReadings(
    @Arg('kinds', () => [DeviceKind]) kinds: DeviceKind[],
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() context: Context,
    @Arg('atLeast', () => Float, { nullable: true }) atLeast?: number,
    @Arg('first', () => Int, { defaultValue: 1000, description: 'At most this many readings, the newest (up to 2,000).' }) first = 1000,
  ): Promise<SensorReading[]> {
    if (!mayReadReadings(context.caller))
      throw codedError('FORBIDDEN', 'Readings are for the early-warning engine and the emergency department.');
    validate(readingPeriodSchema, { from, to });
    const rows = await context.db.reading.findMany({
      where: { at: { gte: from, lt: to }, ...(atLeast !== undefined && atLeast !== null ? { value: { gte: atLeast } } : {}) },
      orderBy: [{ at: 'desc' }, { deviceId: 'asc' }],
      take: first,
    });
    const devices = await Promise.all(rows.map((row) => context.loaders.device.load(row.deviceId)));
    return rows.flatMap((row, n) => {
      const device = devices[n];
      return device && kinds.includes(device.kind as DeviceKind) ? [{ device, at: row.at, value: row.value }] : [];
    });
  }

  @ListSize({ slicingArguments: ['first'], assumedSize: 1000 })
  @Query(() => [DeviceUsage], {
    nullable: true,
    description:
      'Per device of a kind that reported in [from, to): its readings, their total and peak; `totalAtMost` keeps the quiet ones (a water meter that shows no use). For early warning.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async deviceUsage(
    @Arg('kind', () => DeviceKind) kind: DeviceKind,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() context: Context,
    @Arg('totalAtMost', () => Float, { nullable: true }) totalAtMost?: number,
    @Arg('lowestAtLeast', () => Float, {
      nullable: true,
      description: 'Keeps the devices whose every reading is at least this: a water meter whose flow never stops.',
    })
    lowestAtLeast?: number,
    @Arg('first', () => Int, { defaultValue: 200, description: 'At most this many devices, by id (up to 1,000).' }) first = 200,
  ): Promise<DeviceUsage[]> {
    if (!mayReadReadings(context.caller))
      throw codedError('FORBIDDEN', 'Readings are for the early-warning engine and the emergency department.');
    validate(readingPeriodSchema, { from, to });
    const groups = await context.db.reading.groupBy({
      by: ['deviceId'],
      where: { at: { gte: from, lt: to }, deviceId: { in: await deviceIdsOfKind(context, kind) } },
      _count: { _all: true },
      _sum: { value: true },
      _max: { value: true, at: true },
      _min: { at: true, value: true },
    });
    const quiet = groups.filter(
      (group) =>
        (totalAtMost === undefined || totalAtMost === null || (group._sum.value ?? 0) <= totalAtMost) &&
        (lowestAtLeast === undefined || lowestAtLeast === null || (group._min.value ?? 0) >= lowestAtLeast),
    );
    quiet.sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
    const devices = await Promise.all(quiet.slice(0, first).map((group) => context.loaders.device.load(group.deviceId)));
    return quiet.slice(0, first).flatMap((group, n) => {
      const device = devices[n];
      if (!device || !group._min.at || !group._max.at) return [];
      return [
        {
          device,
          readings: group._count._all,
          total: group._sum.value ?? 0,
          peak: group._max.value ?? 0,
          lowest: group._min.value ?? 0,
          firstAt: group._min.at,
          lastAt: group._max.at,
        },
      ];
    });
  }
}

async function deviceIdsOfKind(context: Context, kind: DeviceKind): Promise<string[]> {
  return (await context.db.device.findMany({ where: { kind }, select: { id: true } })).map((device) => device.id);
}
