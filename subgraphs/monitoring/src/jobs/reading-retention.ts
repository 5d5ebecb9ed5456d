// Retention of sensor readings, with hourly roll-ups. Raw readings are kept for READING_RETENTION_HOURS;
// before they are deleted, each device's readings of each hour are folded into one `ReadingHour` row
// (count, min, max, sum), kept for READING_HOUR_RETENTION_DAYS. So the monitoring database grows with
// devices × (raw readings per device in a week + 24 × 400 hour rows), not with time: at hundreds of
// thousands of devices that is a bounded table of roll-ups beside a week of raw readings.
//
// The roll-up is SQL from table to table (INSERT … SELECT … GROUP BY … ON CONFLICT DO UPDATE), no row
// passes through JavaScript, and an hour's rows are rolled up and deleted in one transaction: a run that
// fails leaves both tables as they were, a repeated run finds nothing left to roll up, and an hour whose
// readings are pruned over two runs (a late batch) merges into its row exactly: counts and sums add,
// minima and maxima take the extreme.
import { databaseProvider, type ScheduledJob } from '@liangling/kit';
import type { Db } from '../context';
import { HOUR_MS, hourStart, sqlHourOf, sqlTime, type SqlEngine } from '../sql-time';

/**
 * How long raw readings are kept: a week, well past the longest window an early-warning rule reads
 * (a day of a meter's use). Older readings live on only in their hour's roll-up. Ingestion refuses
 * readings older than this (`TOO_OLD`): their hour may be rolled up already, where a retried batch
 * could no longer be recognised as a repeat.
 */
export const READING_RETENTION_HOURS = 7 * 24;

/**
 * How long hourly roll-ups are kept: 400 days, a year and a month, so that this month can be compared
 * with the same month last year. Older ones are deleted by the same job.
 */
export const READING_HOUR_RETENTION_DAYS = 400;

/** What one run of the retention job did. */
export interface RetentionOutcome {
  /** Raw readings deleted, each first counted into its hour's roll-up. */
  readonly prunedReadings: number;
  /** Roll-up rows written: new hours, and hours merged with a row already there. */
  readonly rolledUpHours: number;
  /** Roll-up rows deleted for being older than their retention. */
  readonly prunedHours: number;
}

export interface RetentionOptions {
  /** @default READING_RETENTION_HOURS */
  readonly retentionHours?: number;
  /** @default READING_HOUR_RETENTION_DAYS */
  readonly hourRetentionDays?: number;
}

/**
 * The retention job: rolls readings measured before `now` − retention up into their hours and deletes
 * them, then deletes roll-ups older than theirs. Oldest hour first, one transaction per hour of
 * readings, so that a transaction (and on SQLite the writer's lock ingestion waits for) holds one
 * hour of the city's readings however long the job has not run. Safe to repeat.
 */
export async function pruneReadings(db: Db, now: Date, options: RetentionOptions = {}): Promise<RetentionOutcome> {
  const cutoff = new Date(now.getTime() - (options.retentionHours ?? READING_RETENTION_HOURS) * HOUR_MS);
  const engine = databaseProvider(db);
  let prunedReadings = 0;
  let rolledUpHours = 0;
  for (;;) {
    const oldest = await db.reading.findFirst({ where: { at: { lt: cutoff } }, orderBy: { at: 'asc' }, select: { at: true } });
    if (!oldest) break;
    // This hour's readings, and any older that arrived since (a late batch) with them.
    const before = new Date(Math.min(hourStart(oldest.at).getTime() + HOUR_MS, cutoff.getTime()));
    const done = await db.$transaction((tx) => rollUpBefore(tx as Db, engine, before), { timeout: 120_000 });
    prunedReadings += done.readings;
    rolledUpHours += done.hours;
  }
  const hourCutoff = new Date(now.getTime() - (options.hourRetentionDays ?? READING_HOUR_RETENTION_DAYS) * 24 * HOUR_MS);
  const { count: prunedHours } = await db.readingHour.deleteMany({ where: { hour: { lt: hourCutoff } } });
  return { prunedReadings, rolledUpHours, prunedHours };
}

/** Folds the readings measured before `before` into their hours and deletes them; inside a transaction. */
async function rollUpBefore(tx: Db, engine: SqlEngine, before: Date): Promise<{ readings: number; hours: number }> {
  const hour = sqlHourOf(engine, 'at');
  const at = sqlTime(before);
  if (engine === 'postgresql') {
    // One statement: the rows summed are exactly the rows deleted, even if a batch lands in between.
    const [counts] = await tx.$queryRaw<{ readings: bigint | number; hours: bigint | number }[]>`
      WITH gone AS (DELETE FROM "Reading" WHERE "at" < ${at}::timestamp RETURNING "deviceId", "at", "value"),
      hours AS (
        INSERT INTO "ReadingHour" ("deviceId", "hour", "count", "min", "max", "sum")
        SELECT "deviceId", ${hour}, COUNT(*), MIN("value"), MAX("value"), SUM("value") FROM gone GROUP BY "deviceId", ${hour}
        ON CONFLICT ("deviceId", "hour") DO UPDATE SET
          "count" = "ReadingHour"."count" + EXCLUDED."count",
          "min" = LEAST("ReadingHour"."min", EXCLUDED."min"),
          "max" = GREATEST("ReadingHour"."max", EXCLUDED."max"),
          "sum" = "ReadingHour"."sum" + EXCLUDED."sum"
        RETURNING 1
      )
      SELECT (SELECT COUNT(*) FROM gone) AS "readings", (SELECT COUNT(*) FROM hours) AS "hours"`;
    return { readings: Number(counts?.readings ?? 0), hours: Number(counts?.hours ?? 0) };
  }
  // SQLite has no DELETE in a WITH, but one writer at a time: within the transaction no batch lands
  // between the two statements. The WHERE also settles SQLite's upsert-after-SELECT parsing ambiguity.
  const hours = await tx.$executeRaw`
    INSERT INTO "ReadingHour" ("deviceId", "hour", "count", "min", "max", "sum")
    SELECT "deviceId", ${hour}, COUNT(*), MIN("value"), MAX("value"), SUM("value") FROM "Reading" WHERE "at" < ${at} GROUP BY "deviceId", ${hour}
    ON CONFLICT ("deviceId", "hour") DO UPDATE SET
      "count" = "ReadingHour"."count" + excluded."count",
      "min" = MIN("ReadingHour"."min", excluded."min"),
      "max" = MAX("ReadingHour"."max", excluded."max"),
      "sum" = "ReadingHour"."sum" + excluded."sum"`;
  const readings = await tx.$executeRaw`DELETE FROM "Reading" WHERE "at" < ${at}`;
  return { readings, hours };
}

/** Retention and roll-ups as a scheduled job: hourly. */
export const readingRetentionJob: ScheduledJob<Db> = {
  name: 'reading-retention',
  defaultIntervalMs: HOUR_MS,
  run: ({ db, now }) => pruneReadings(db, now()),
};
