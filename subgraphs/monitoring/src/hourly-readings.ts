// A device's readings hour by hour, over any period the roll-ups reach (src/jobs/reading-retention.ts):
// hours whose raw readings were pruned come from their `ReadingHour` row, hours still raw are summed on
// the fly, and an hour that is partly both (its older readings rolled up, a late batch still raw) is the
// merge of the two, so that the answer does not depend on when the retention job last ran.
import { databaseProvider } from '@liangling/kit';
import type { Db } from './context';
import { HOUR_MS, sqlHourOf, sqlTime } from './sql-time';

/** One hour of one device's readings. */
export interface HourOfReadings {
  /** The hour's start. */
  readonly hour: Date;
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly sum: number;
}

/**
 * The hours of a device that start in [from, to) and hold at least one reading, oldest first, at most
 * `take` of them. Two index ranges (the roll-ups' and the raw readings' primary keys, both led by the
 * device), grouped in SQL: no reading passes through JavaScript.
 */
export async function hourlyReadings(db: Db, deviceId: string, from: Date, to: Date, take: number): Promise<HourOfReadings[]> {
  // The hours that start in the period: the first at or after `from`, the last before `to`.
  const first = sqlTime(new Date(Math.ceil(from.getTime() / HOUR_MS) * HOUR_MS));
  const end = sqlTime(new Date(Math.ceil(to.getTime() / HOUR_MS) * HOUR_MS));
  if (first >= end) return [];
  const engine = databaseProvider(db);
  const rawHour = sqlHourOf(engine, 'at');
  // On SQLite an hour is text: grouped by its first 13 characters, whichever way its offset is spelled.
  const hour = sqlHourOf(engine, 'hour');
  const rows = await db.$queryRaw<{ hour: Date | string; count: bigint | number; min: number; max: number; sum: number }[]>`
    SELECT ${hour} AS "hour", CAST(SUM("count") AS INTEGER) AS "count", MIN("min") AS "min", MAX("max") AS "max", SUM("sum") AS "sum" FROM (
      SELECT "hour", "count", "min", "max", "sum" FROM "ReadingHour"
        WHERE "deviceId" = ${deviceId} AND "hour" >= ${first} AND "hour" < ${end}
      UNION ALL
      SELECT ${rawHour} AS "hour", COUNT(*) AS "count", MIN("value") AS "min", MAX("value") AS "max", SUM("value") AS "sum" FROM "Reading"
        WHERE "deviceId" = ${deviceId} AND "at" >= ${first} AND "at" < ${end}
        GROUP BY ${rawHour}
    ) AS "parts"
    GROUP BY ${hour} ORDER BY ${hour} LIMIT ${take}`;
  return rows.map((row) => ({
    hour: new Date(row.hour),
    count: Number(row.count),
    min: Number(row.min),
    max: Number(row.max),
    sum: Number(row.sum),
  }));
}
