// New alerts, as they are created, for the open subscription streams of this process.
import { EventEmitter, on } from 'node:events';
import { pathIds } from '@liangling/kit';
import type { Context } from './context';
import type { Alert as AlertRow } from './generated/prisma/client';

const alertEvents = new EventEmitter();
// One listener per open stream (the gateway shares one per region among all its clients).
alertEvents.setMaxListeners(0);

/** Tells the open streams that an alert was raised (called once per alert created). */
export function publishAlertRaised(alert: AlertRow): void {
  alertEvents.emit('alert', alert);
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
  // Listening starts before the catch-up read, so an alert raised in between is not missed; the ids
  // already sent are skipped.
  const controller = new AbortController();
  const live = on(alertEvents, 'alert', { signal: controller.signal });
  const sent = new Set<string>();
  try {
    if (context.lastEventId) {
      const last = await context.db.alert.findUnique({ where: { id: context.lastEventId } });
      if (last) {
        const since = await context.db.alert.findMany({ where: { raisedAt: { gte: last.raisedAt }, id: { not: last.id } }, orderBy: [{ raisedAt: 'asc' }, { id: 'asc' }], take: 500 });
        for (const alert of since) {
          if (!inRegion(alert, regionId) || sent.has(alert.id)) continue;
          sent.add(alert.id);
          yield alert;
        }
      }
    }
    for await (const [alert] of live as AsyncIterable<[AlertRow]>) {
      if (!inRegion(alert, regionId) || sent.has(alert.id)) continue;
      sent.add(alert.id);
      yield alert;
    }
  } finally {
    controller.abort();
  }
}
