// Requests' moves, once committed, for the open subscription streams of this process.
import { eventChannel } from '@liangling/kit';
import type { Context } from './context';
import { changeOf, type RequestChangeRow } from './request-change';

// One subscriber per open stream: the gateway's (it shares one among all its clients).
const requestChanges = eventChannel<RequestChangeRow>();

/** Most changes read back after a reconnection; a stream further behind starts from the newest of them. */
const CATCH_UP_LIMIT = 500;

/** Tells the open streams that a request moved (called once per move, after its transaction committed). */
export function publishRequestChange(change: RequestChangeRow): void {
  requestChanges.publish(change);
}

/**
 * Every request's changes from now on; after a reconnection (`lastEventId`, the id of the last change
 * the gateway received), first those made since then, so a restart loses none. Whose they are is
 * decided per event and per client by the gateway, through `myRepairRequestChange(id)`.
 */
export async function* requestChangesFor(context: Context): AsyncGenerator<RequestChangeRow> {
  // Subscribing starts before the catch-up read, so a move made in between is not missed; the ids
  // already sent are skipped.
  const live = requestChanges.subscribe(() => true);
  const sent = new Set<string>();
  try {
    if (context.lastEventId && /^\d{1,9}$/.test(context.lastEventId)) {
      const since = await context.db.requestEvent.findMany({
        where: { id: { gt: Number(context.lastEventId) } },
        orderBy: { id: 'asc' },
        take: CATCH_UP_LIMIT,
      });
      // Read now, not through the stream's loaders: they live as long as the stream does.
      const requests = await context.db.repairRequest.findMany({
        where: { id: { in: [...new Set(since.map((entry) => entry.requestId))] } },
      });
      const byId = new Map(requests.map((request) => [request.id, request]));
      for (const entry of since) {
        const request = byId.get(entry.requestId);
        if (!request) continue;
        sent.add(String(entry.id));
        yield changeOf(entry, request);
      }
    }
    for await (const change of live) {
      if (sent.has(change.id)) continue;
      sent.add(change.id);
      yield change;
    }
  } finally {
    await live.return?.();
  }
}
