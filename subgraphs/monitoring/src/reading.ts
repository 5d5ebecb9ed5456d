import { ConnectionType, ListSize } from '@liangling/kit';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Device } from './device';
import { ReadingRejection } from './enums';
import type { Device as DeviceRow } from './generated/prisma/client';
import type { RejectionReason } from './ingestion';

@ObjectType({ description: 'A reading refused, and why; the rest of its batch is unaffected.' })
export class RejectedReading {
  @Field(() => Int, { description: 'Its position in the batch, from 0.' })
  index!: number;

  @Field(() => ID)
  deviceId!: string;

  @Field(() => ReadingRejection)
  reason!: RejectionReason;

  @Field()
  message!: string;
}

@ObjectType()
export class IngestResult {
  @Field(() => Int, { description: 'Readings stored by this call.' })
  accepted!: number;

  @Field(() => Int, { description: 'Valid readings that were already stored: a retried batch stores nothing twice.' })
  duplicates!: number;

  @ListSize({ assumedSize: 1000 })
  @Field(() => [RejectedReading])
  rejected!: RejectedReading[];
}

@ObjectType()
export class SweepResult {
  @Field(() => [ID], { description: 'Devices this sweep marked OFFLINE.' })
  markedOffline!: string[];
}

@ObjectType({ description: 'A stored reading, with its device.' })
export class SensorReading {
  @Field(() => Device)
  device!: DeviceRow;

  @Field(() => Date)
  at!: Date;

  @Field(() => Float)
  value!: number;
}

@ObjectType({ description: 'What one device reported in a period: how many readings, their sum and their peak.' })
export class DeviceUsage {
  @Field(() => Device)
  device!: DeviceRow;

  @Field(() => Int)
  readings!: number;

  @Field(() => Float, { description: 'Sum of the values: litres used, for a water meter.' })
  total!: number;

  @Field(() => Float)
  peak!: number;

  @Field(() => Float, { description: 'The smallest value: above zero on a water meter, water never stopped running between its readings.' })
  lowest!: number;

  @Field(() => Date)
  firstAt!: Date;

  @Field(() => Date)
  lastAt!: Date;
}

@ObjectType('ReadingHour', {
  description:
    'One hour of a device’s readings: how many, their smallest, largest, sum and mean. Kept for 400 days, where raw readings are kept for a week.',
})
export class ReadingHour {
  @Field(() => Date, { description: 'The hour’s start (UTC).' })
  hour!: Date;

  @Field(() => Int)
  count!: number;

  @Field(() => Float)
  min!: number;

  @Field(() => Float)
  max!: number;

  @Field(() => Float, { description: 'Sum of the values: litres used in the hour, for a water meter.' })
  sum!: number;

  @Field(() => Float, { description: 'sum / count.' })
  mean!: number;
}

/** A page of a device's hours (`Device.hourlyReadings`). */
export const ReadingHourConnection = ConnectionType('ReadingHour', ReadingHour);
