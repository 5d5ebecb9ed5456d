import type { ScheduledJob } from '@liangling/kit';
import type { Db } from '../context';
import { DEVICE_KINDS } from '../device-kind';
import { READINGS_PER_STATEMENT } from '../ingestion';

/**
 * The heartbeat sweep: every ONLINE device silent for longer than its kind's heartbeat is marked
 * OFFLINE. Safe to repeat; returns the ids it marked.
 */
export async function markSilentDevicesOffline(db: Db, now: Date): Promise<string[]> {
  const marked: string[] = [];
  for (const [kind, spec] of Object.entries(DEVICE_KINDS)) {
    const cutoff = new Date(now.getTime() - spec.heartbeatMinutes * 60_000);
    const silent = await db.device.findMany({
      where: { kind, status: 'ONLINE', OR: [{ lastSeenAt: { lt: cutoff } }, { lastSeenAt: null, installedAt: { lt: cutoff } }] },
      select: { id: true },
    });
    if (silent.length === 0) continue;
    const ids = silent.map((device) => device.id);
    for (let start = 0; start < ids.length; start += READINGS_PER_STATEMENT) {
      await db.device.updateMany({
        where: { id: { in: ids.slice(start, start + READINGS_PER_STATEMENT) }, status: 'ONLINE' },
        data: { status: 'OFFLINE' },
      });
    }
    marked.push(...ids);
  }
  return marked;
}

/** The heartbeat sweep as a scheduled job: every minute (the shortest heartbeat is five). */
export const heartbeatSweepJob: ScheduledJob<Db> = {
  name: 'heartbeat-sweep',
  defaultIntervalMs: 60_000,
  run: ({ db, now }) => markSilentDevicesOffline(db, now()),
};
