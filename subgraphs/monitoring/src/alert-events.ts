// New alerts, as they are created, for the open subscription streams of this process.
import { eventChannel, pathIds } from '@liangling/kit';
import type { Context } from './context';
import type { Alert as AlertRow } from './generated/prisma/client';

// One subscriber per open stream (the gateway shares one per region among all its clients).
const alertEvents = eventChannel<AlertRow>();

/** Tells the open streams that an alert was raised (called once per alert created). */
export function publishAlertRaised(alert: AlertRow): void {
  alertEvents.publish(alert);
}

/** Whether the alert's place lies in the region (the region itself or below it). */
function inRegion(alert: AlertRow, regionId: string): boolean {
  return pathIds(alert.regionPath).includes(regionId);
}

/**
 * The alerts raised in `regionId` from now on; after a reconnection (`lastEventId`, the id of the
 * last alert the gateway received), first those raised since then, so a restart loses none.
 */
export async function* alertsRaisedIn(regionId: string, context: Context): AsyncGenerator<AlertRow> {
  // Subscribing starts before the catch-up read, so an alert raised in between is not missed; the ids
  // already sent are skipped.
  const live = alertEvents.subscribe((alert) => inRegion(alert, regionId));
  const sent = new Set<string>();
  try {
    if (context.lastEventId) {
      const last = await context.db.alert.findUnique({ where: { id: context.lastEventId } });
      if (last) {
        const since = await context.db.alert.findMany({
          where: { raisedAt: { gte: last.raisedAt }, id: { not: last.id } },
          orderBy: [{ raisedAt: 'asc' }, { id: 'asc' }],
          take: 500,
        });
        for (const alert of since) {
          if (!inRegion(alert, regionId) || sent.has(alert.id)) continue;
          sent.add(alert.id);
          yield alert;
        }
      }
    }
    for await (const alert of live) {
      if (sent.has(alert.id)) continue;
      sent.add(alert.id);
      yield alert;
    }
  } finally {
    await live.return?.();
  }
}
