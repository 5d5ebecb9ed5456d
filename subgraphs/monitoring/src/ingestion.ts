import type { Db } from './context';
import { READING_RETENTION_HOURS } from './jobs/reading-retention';
import { DEVICE_KINDS, isDeviceKind } from './device-kind';
import { Prisma } from './generated/prisma/client';
import { sqlTime } from './sql-time';

/** One reading as a device gateway sends it. */
export interface IncomingReading {
  readonly deviceId: string;
  readonly at: Date;
  readonly value: number;
}

export type RejectionReason = 'UNKNOWN_DEVICE' | 'IN_THE_FUTURE' | 'TOO_OLD' | 'OUT_OF_RANGE' | 'INVALID_TIME';

export interface Rejection {
  /** Position of the reading in the batch, from 0. */
  readonly index: number;
  readonly deviceId: string;
  readonly reason: RejectionReason;
  readonly message: string;
}

export interface IngestOutcome {
  /** Readings stored by this call. */
  readonly accepted: number;
  /** Valid readings already stored (a retried batch, or the same reading twice in one). */
  readonly duplicates: number;
  readonly rejected: readonly Rejection[];
}

export interface IngestOptions {
  /** How far ahead of the server's clock a device's clock may run. @default 120_000 (two minutes) */
  readonly clockSkewMs?: number;
}

/** SQLite allows 32,766 bound values per statement; three per reading leaves ample room. */
export const READINGS_PER_STATEMENT = 2000;

/**
 * Validates a batch reading by reading, stores the valid ones in one transaction with multi-row inserts
 * (Prisma's `createMany` costs a second per thousand rows), and moves each device's last-seen time.
 * Idempotent per (device, time): `INSERT … ON CONFLICT DO NOTHING` on the primary key, so a batch sent
 * twice stores nothing the second time. A bad reading is refused alone, with its index and reason.
 */
export async function ingestReadings(
  db: Db,
  readings: readonly IncomingReading[],
  now: Date,
  options: IngestOptions = {},
): Promise<IngestOutcome> {
  const latest = now.getTime() + (options.clockSkewMs ?? 120_000);
  // Older readings may be in an hour rolled up already: a retried one would be counted twice there.
  const earliest = now.getTime() - READING_RETENTION_HOURS * 3_600_000;
  const ids = [...new Set(readings.map((reading) => reading.deviceId))];
  const devices = new Map<string, string>();
  for (let start = 0; start < ids.length; start += READINGS_PER_STATEMENT) {
    const rows = await db.device.findMany({
      where: { id: { in: ids.slice(start, start + READINGS_PER_STATEMENT) } },
      select: { id: true, kind: true },
    });
    for (const row of rows) devices.set(row.id, row.kind);
  }
  const rejected: Rejection[] = [];
  const valid: { deviceId: string; at: string; value: number }[] = [];
  readings.forEach((reading, index) => {
    const refuse = (reason: RejectionReason, message: string) => rejected.push({ index, deviceId: reading.deviceId, reason, message });
    const kind = devices.get(reading.deviceId);
    if (kind === undefined || !isDeviceKind(kind)) return refuse('UNKNOWN_DEVICE', `There is no device ${reading.deviceId}.`);
    const time = reading.at.getTime();
    if (!Number.isFinite(time)) return refuse('INVALID_TIME', 'The time is not a valid instant.');
    if (time > latest)
      return refuse('IN_THE_FUTURE', `${reading.at.toISOString()} is ahead of the server's clock by more than the allowed skew.`);
    if (time < earliest)
      return refuse('TOO_OLD', `${reading.at.toISOString()} is older than the ${READING_RETENTION_HOURS} hours raw readings are kept.`);
    const spec = DEVICE_KINDS[kind];
    if (!Number.isFinite(reading.value) || reading.value < spec.min || reading.value > spec.max) {
      return refuse('OUT_OF_RANGE', `A ${kind} reports ${spec.min} to ${spec.max} ${spec.unit}; ${reading.value} is impossible.`);
    }
    // One spelling per instant, so that the same reading sent with another offset is the same key.
    valid.push({ deviceId: reading.deviceId, at: sqlTime(reading.at), value: reading.value });
  });

  const received = sqlTime(now);
  const lastSeen = new Map<string, string>();
  for (const reading of valid) if ((lastSeen.get(reading.deviceId) ?? '') < reading.at) lastSeen.set(reading.deviceId, reading.at);
  let inserted = 0;
  await db.$transaction(
    async (tx) => {
      for (let start = 0; start < valid.length; start += READINGS_PER_STATEMENT) {
        const chunk = valid.slice(start, start + READINGS_PER_STATEMENT);
        const tuples = chunk.map((reading) => Prisma.sql`(${reading.deviceId}, ${reading.at}, ${reading.value}, ${received})`);
        inserted +=
          await tx.$executeRaw`INSERT INTO "Reading" ("deviceId", "at", "value", "receivedAt") VALUES ${Prisma.join(tuples, ', ')} ON CONFLICT ("deviceId", "at") DO NOTHING`;
      }
      // A reading proves the device alive: it is ONLINE again, last seen at its newest reading (never earlier
      // than a newer one stored before: a late batch must not turn the clock back).
      for (const [deviceId, at] of lastSeen) {
        await tx.$executeRaw`UPDATE "Device" SET "status" = 'ONLINE', "lastSeenAt" = CASE WHEN "lastSeenAt" IS NULL OR "lastSeenAt" < ${at} THEN ${at} ELSE "lastSeenAt" END WHERE "id" = ${deviceId}`;
      }
    },
    { timeout: 60_000 },
  );
  return { accepted: inserted, duplicates: valid.length - inserted, rejected };
}
