import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { insertRows, openDatabase } from '@liangling/kit';
import { monitoring } from '../src';
import type { Db } from '../src/context';
import { sqlTime } from '../src/sql-time';
import { pruneReadings, READING_RETENTION_HOURS } from '../src/jobs/reading-retention';

// Readings are kept for a documented retention, so the database grows with devices × retention.
let dataDir: string;
let db: Db;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'liangling-retention-'));
  db = (await openDatabase({
    dataDir,
    name: 'monitoring',
    migrationsDir: join(monitoring.database.prismaDir, 'migrations'),
    connect: monitoring.database.connect,
  })) as Db;
});
afterAll(async () => {
  await db?.$disconnect();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('reading retention', () => {
  it('deletes readings older than the retention and keeps the rest, as a scheduled job of the department', async () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const hoursAgo = (hours: number) => sqlTime(new Date(now.getTime() - hours * 3_600_000));
    await insertRows(db, 'Reading', [
      { deviceId: 'wm-h-0000001', at: hoursAgo(READING_RETENTION_HOURS + 1), value: 10, receivedAt: hoursAgo(READING_RETENTION_HOURS + 1) },
      { deviceId: 'wm-h-0000001', at: hoursAgo(READING_RETENTION_HOURS - 1), value: 11, receivedAt: hoursAgo(READING_RETENTION_HOURS - 1) },
      { deviceId: 'wm-h-0000001', at: hoursAgo(36), value: 12, receivedAt: hoursAgo(36) },
    ]);
    await expect(pruneReadings(db, now)).resolves.toBe(1);
    await expect(pruneReadings(db, now)).resolves.toBe(0);
    const left = await db.reading.findMany({ orderBy: { at: 'asc' }, select: { value: true } });
    expect(left.map((reading) => reading.value)).toEqual([11, 12]);
    expect(monitoring.jobs?.map((job) => job.name)).toContain('reading-retention');
  });
});
