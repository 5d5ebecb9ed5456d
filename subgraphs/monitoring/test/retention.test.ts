import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { insertRows, openDatabase } from '@liangling/kit';
import { createTestDatabase, TEST_POSTGRES_URL_VARIABLE, type TestDatabase } from '@liangling/stack';
import { monitoring } from '../src';
import type { Db } from '../src/context';
import { hourlyReadings } from '../src/hourly-readings';
import { ingestReadings } from '../src/ingestion';
import { sqlTime } from '../src/sql-time';
import { pruneReadings, READING_HOUR_RETENTION_DAYS, READING_RETENTION_HOURS } from '../src/jobs/reading-retention';

// Readings are kept for a documented retention and rolled up into hours before they go, so the database
// grows with devices × (retention + roll-up retention / hour), not with time. SQLite by default; with
// LIANGLING_TEST_POSTGRES_URL (CI's second pass) a fresh PostgreSQL database, the twin's migrations.
const HOUR = 3_600_000;
let dataDir: string;
let postgres: TestDatabase | undefined;
let db: Db;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'liangling-retention-'));
  const server = process.env[TEST_POSTGRES_URL_VARIABLE];
  if (server) postgres = await createTestDatabase(server);
  db = (await openDatabase({
    dataDir,
    name: 'monitoring',
    migrationsDir: join(monitoring.database.prismaDir, 'migrations'),
    ...(postgres
      ? {
          postgres: {
            url: postgres.url,
            schema: 'monitoring',
            migrationsDir: join(monitoring.database.prismaDir, 'postgres', 'migrations'),
            poolSize: 2,
          },
        }
      : {}),
    connect: monitoring.database.connect,
  })) as Db;
});
afterAll(async () => {
  await db?.$disconnect();
  await postgres?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await db.reading.deleteMany({});
  await db.readingHour.deleteMany({});
});

const NOW = new Date('2026-12-01T12:00:00Z');
const at = (iso: string) => sqlTime(new Date(iso));
const reading = (deviceId: string, iso: string, value: number) => ({ deviceId, at: at(iso), value, receivedAt: at(iso) });
const hours = async (deviceId?: string) =>
  (await db.readingHour.findMany({ where: deviceId ? { deviceId } : {}, orderBy: [{ deviceId: 'asc' }, { hour: 'asc' }] })).map((row) => ({
    deviceId: row.deviceId,
    hour: row.hour.toISOString(),
    count: row.count,
    min: row.min,
    max: row.max,
    sum: row.sum,
  }));

describe('reading retention', () => {
  it('deletes readings older than the retention and keeps the rest, as a scheduled job of the department', async () => {
    const hoursAgo = (n: number) => sqlTime(new Date(NOW.getTime() - n * HOUR));
    await insertRows(db, 'Reading', [
      { deviceId: 'wm-h-0000001', at: hoursAgo(READING_RETENTION_HOURS + 1), value: 10, receivedAt: hoursAgo(READING_RETENTION_HOURS + 1) },
      { deviceId: 'wm-h-0000001', at: hoursAgo(READING_RETENTION_HOURS - 1), value: 11, receivedAt: hoursAgo(READING_RETENTION_HOURS - 1) },
      { deviceId: 'wm-h-0000001', at: hoursAgo(36), value: 12, receivedAt: hoursAgo(36) },
    ]);
    await expect(pruneReadings(db, NOW)).resolves.toEqual({ prunedReadings: 1, rolledUpHours: 1, prunedHours: 0 });
    await expect(pruneReadings(db, NOW)).resolves.toEqual({ prunedReadings: 0, rolledUpHours: 0, prunedHours: 0 });
    const left = await db.reading.findMany({ orderBy: { at: 'asc' }, select: { value: true } });
    expect(left.map((row) => row.value)).toEqual([11, 12]);
    // The pruned reading lives on in its hour.
    expect(await hours()).toEqual([{ deviceId: 'wm-h-0000001', hour: '2026-11-24T11:00:00.000Z', count: 1, min: 10, max: 10, sum: 10 }]);
    expect(monitoring.jobs?.map((job) => job.name)).toContain('reading-retention');
  });

  it('rolls the pruned readings up per device and hour (count, min, max, sum) in SQL, and a repeated run changes nothing', async () => {
    // Eight days ago: two devices, three hours; and one reading still within the retention.
    await insertRows(db, 'Reading', [
      reading('smoke-b-000001', '2026-11-23T10:00:00.000Z', 0.5),
      reading('smoke-b-000001', '2026-11-23T10:15:00.000Z', 2.5),
      reading('smoke-b-000001', '2026-11-23T10:59:59.999Z', 1),
      reading('smoke-b-000001', '2026-11-23T11:00:00.000Z', 4),
      reading('wm-h-0000002', '2026-11-23T10:30:00.000Z', 7),
      reading('wm-h-0000002', '2026-11-23T13:30:00.000Z', 0),
      reading('wm-h-0000002', '2026-11-30T10:30:00.000Z', 9),
    ]);
    await expect(pruneReadings(db, NOW)).resolves.toEqual({ prunedReadings: 6, rolledUpHours: 4, prunedHours: 0 });
    const rolledUp = [
      { deviceId: 'smoke-b-000001', hour: '2026-11-23T10:00:00.000Z', count: 3, min: 0.5, max: 2.5, sum: 4 },
      { deviceId: 'smoke-b-000001', hour: '2026-11-23T11:00:00.000Z', count: 1, min: 4, max: 4, sum: 4 },
      { deviceId: 'wm-h-0000002', hour: '2026-11-23T10:00:00.000Z', count: 1, min: 7, max: 7, sum: 7 },
      { deviceId: 'wm-h-0000002', hour: '2026-11-23T13:00:00.000Z', count: 1, min: 0, max: 0, sum: 0 },
    ];
    expect(await hours()).toEqual(rolledUp);
    expect(await db.reading.count()).toBe(1);

    await expect(pruneReadings(db, NOW)).resolves.toEqual({ prunedReadings: 0, rolledUpHours: 0, prunedHours: 0 });
    await expect(pruneReadings(db, new Date(NOW.getTime() + 5 * 60_000))).resolves.toMatchObject({ prunedReadings: 0 });
    expect(await hours()).toEqual(rolledUp);
  });

  it('merges an hour pruned over two runs exactly: counts and sums add, minima and maxima take the extreme', async () => {
    // The cutoff of the first run falls in the middle of 10:00–11:00 eight days ago.
    const firstRun = new Date('2026-12-01T10:30:00Z');
    await insertRows(db, 'Reading', [
      reading('gas-b-000001', '2026-11-24T10:05:00.000Z', 3),
      reading('gas-b-000001', '2026-11-24T10:20:00.000Z', 1),
      reading('gas-b-000001', '2026-11-24T10:40:00.000Z', 0.25),
      reading('gas-b-000001', '2026-11-24T10:50:00.000Z', 6),
    ]);
    const before = await hourlyReadings(db, 'gas-b-000001', new Date('2026-11-24T00:00:00Z'), NOW, 10);
    await expect(pruneReadings(db, firstRun)).resolves.toMatchObject({ prunedReadings: 2, rolledUpHours: 1 });
    expect(await hours()).toEqual([{ deviceId: 'gas-b-000001', hour: '2026-11-24T10:00:00.000Z', count: 2, min: 1, max: 3, sum: 4 }]);
    // Between the runs the field answers the same: half the hour from its roll-up, half still raw.
    await expect(hourlyReadings(db, 'gas-b-000001', new Date('2026-11-24T00:00:00Z'), NOW, 10)).resolves.toEqual(before);

    await expect(pruneReadings(db, new Date(firstRun.getTime() + HOUR))).resolves.toMatchObject({ prunedReadings: 2, rolledUpHours: 1 });
    const merged = { deviceId: 'gas-b-000001', hour: '2026-11-24T10:00:00.000Z', count: 4, min: 0.25, max: 6, sum: 10.25 };
    expect(await hours()).toEqual([merged]);
    expect(before).toEqual([{ hour: new Date(merged.hour), count: 4, min: 0.25, max: 6, sum: 10.25 }]);
    await expect(hourlyReadings(db, 'gas-b-000001', new Date('2026-11-24T00:00:00Z'), NOW, 10)).resolves.toEqual(before);
  });

  it('catches up hour by hour after the job has not run for days, with late readings of old hours merged', async () => {
    const rows = Array.from({ length: 72 }, (_, n) =>
      reading('wm-h-0000003', new Date(Date.UTC(2026, 10, 20) + n * 20 * 60_000).toISOString(), n),
    );
    await insertRows(db, 'Reading', rows);
    await expect(pruneReadings(db, NOW)).resolves.toEqual({ prunedReadings: 72, rolledUpHours: 24, prunedHours: 0 });
    // A late batch (stored directly: ingestion refuses readings this old) for an hour rolled up already.
    await insertRows(db, 'Reading', [reading('wm-h-0000003', '2026-11-20T00:45:00.000Z', 100)]);
    await expect(pruneReadings(db, NOW)).resolves.toEqual({ prunedReadings: 1, rolledUpHours: 1, prunedHours: 0 });
    const all = await hours('wm-h-0000003');
    expect(all).toHaveLength(24);
    expect(all[0]).toEqual({ deviceId: 'wm-h-0000003', hour: '2026-11-20T00:00:00.000Z', count: 4, min: 0, max: 100, sum: 103 });
    expect(all.reduce((total, hour) => total + hour.count, 0)).toBe(73);
    expect(all.reduce((total, hour) => total + hour.sum, 0)).toBe((71 * 72) / 2 + 100);
  });

  it('keeps roll-ups for their own retention and prunes older ones in the same job', async () => {
    const day = 24 * HOUR;
    const daysAgo = (n: number) => sqlTime(new Date(NOW.getTime() - n * day));
    await insertRows(db, 'ReadingHour', [
      { deviceId: 'wm-h-0000004', hour: daysAgo(READING_HOUR_RETENTION_DAYS + 1), count: 1, min: 1, max: 1, sum: 1 },
      { deviceId: 'wm-h-0000004', hour: daysAgo(READING_HOUR_RETENTION_DAYS - 1), count: 2, min: 1, max: 2, sum: 3 },
    ]);
    await expect(pruneReadings(db, NOW)).resolves.toEqual({ prunedReadings: 0, rolledUpHours: 0, prunedHours: 1 });
    expect((await hours()).map((row) => row.count)).toEqual([2]);
    expect(READING_HOUR_RETENTION_DAYS * 24).toBeGreaterThan(READING_RETENTION_HOURS);
  });
});

describe('hourly readings', () => {
  it('answer a period from roll-ups and raw readings alike: hours that start in [from, to), oldest first, at most `first`', async () => {
    await insertRows(db, 'ReadingHour', [
      { deviceId: 'wm-h-0000005', hour: at('2026-06-01T08:00:00.000Z'), count: 4, min: 1, max: 9, sum: 20 },
      { deviceId: 'wm-h-0000005', hour: at('2026-06-01T09:00:00.000Z'), count: 2, min: 3, max: 3, sum: 6 },
      { deviceId: 'wm-h-0000006', hour: at('2026-06-01T09:00:00.000Z'), count: 1, min: 5, max: 5, sum: 5 },
    ]);
    await insertRows(db, 'Reading', [
      reading('wm-h-0000005', '2026-11-30T23:10:00.000Z', 2),
      reading('wm-h-0000005', '2026-11-30T23:50:00.000Z', 4),
    ]);
    const year = await hourlyReadings(db, 'wm-h-0000005', new Date('2026-01-01T00:00:00Z'), NOW, 10);
    expect(year.map((hour) => [hour.hour.toISOString(), hour.count, hour.min, hour.max, hour.sum])).toEqual([
      ['2026-06-01T08:00:00.000Z', 4, 1, 9, 20],
      ['2026-06-01T09:00:00.000Z', 2, 3, 3, 6],
      ['2026-11-30T23:00:00.000Z', 2, 2, 4, 6],
    ]);
    await expect(hourlyReadings(db, 'wm-h-0000005', new Date('2026-01-01T00:00:00Z'), NOW, 2)).resolves.toHaveLength(2);
    // 08:30 to 09:30: only the 09:00 hour starts in it; 08:10 to 08:50, none does.
    const part = await hourlyReadings(db, 'wm-h-0000005', new Date('2026-06-01T08:30:00Z'), new Date('2026-06-01T09:30:00Z'), 10);
    expect(part.map((hour) => hour.hour.toISOString())).toEqual(['2026-06-01T09:00:00.000Z']);
    await expect(
      hourlyReadings(db, 'wm-h-0000005', new Date('2026-06-01T08:10:00Z'), new Date('2026-06-01T08:50:00Z'), 10),
    ).resolves.toEqual([]);
  });
});

describe('ingestion after the retention', () => {
  it('refuses a reading older than the raw retention (TOO_OLD): its hour may be rolled up, where a retry would count twice', async () => {
    await insertRows(db, 'Device', [
      { id: 'smoke-b-000009', kind: 'SMOKE_SENSOR', regionPath: '/r/', status: 'ONLINE', installedAt: sqlTime(NOW) },
    ]);
    const outcome = await ingestReadings(
      db,
      [
        { deviceId: 'smoke-b-000009', at: new Date(NOW.getTime() - READING_RETENTION_HOURS * HOUR - 1), value: 1 },
        { deviceId: 'smoke-b-000009', at: new Date(NOW.getTime() - READING_RETENTION_HOURS * HOUR + 60_000), value: 1 },
      ],
      NOW,
    );
    expect(outcome.accepted).toBe(1);
    expect(outcome.rejected.map((rejection) => [rejection.index, rejection.reason])).toEqual([[0, 'TOO_OLD']]);
  });
});
