import type { ScheduledJob } from '@liangling/kit';
import type { Db } from '../context';

/**
 * How long raw readings are kept: a week, well past the longest window an early-warning rule reads
 * (a day of a meter's use), so that the monitoring database grows with devices × retention,
 * not with time. Older readings are deleted by the `reading-retention` job.
 */
export const READING_RETENTION_HOURS = 7 * 24;

/** The retention job: deletes readings measured before `now` − retention. Safe to repeat; returns how many went. */
export async function pruneReadings(db: Db, now: Date, retentionHours = READING_RETENTION_HOURS): Promise<number> {
  const { count } = await db.reading.deleteMany({ where: { at: { lt: new Date(now.getTime() - retentionHours * 3_600_000) } } });
  return count;
}

/** Retention as a scheduled job: hourly. */
export const readingRetentionJob: ScheduledJob<Db> = {
  name: 'reading-retention',
  defaultIntervalMs: 3_600_000,
  run: ({ db, now }) => pruneReadings(db, now()),
};
