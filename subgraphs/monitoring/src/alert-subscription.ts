// Subscription.alertRaised: the monitoring department's live feed of new alerts in a region. The
// stream carries alerts to one subscriber only, the gateway (as its own service identity); the gateway
// asks for nothing but each alert's id and, per event and per client, reads the alert through its
// normal query pipeline with that client's credentials: what a client receives is what `alert(id)`
// would show them, audited the same way.
import { on } from 'node:events';
import { pathIds, Sensitive } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { Alert } from './alert';
import { alertEvents } from './alert-events';
import type { Context } from './context';
import type { Alert as AlertRow } from './generated/prisma/client';

/** Whether the alert's place lies in the region (the region itself or below it). */
function inRegion(alert: AlertRow, regionId: string): boolean {
  return pathIds(alert.regionPath).includes(regionId);
}

/**
 * The alerts raised in `regionId` from now on; after a reconnection (`lastEventId`, the id of the
 * last alert the gateway received), first those raised since then, so a restart loses none.
 */
async function* alertsRaisedIn(regionId: string, context: Context): AsyncGenerator<AlertRow> {
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

@Resolver(() => Alert)
export class AlertSubscriptionResolver {
  @Subscription(() => Alert, {
    nullable: true,
    description: 'Alerts raised in a region (or below it) from now on, as they are raised; staff only. Each alert comes as `alert(id)` would show it to the subscriber.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, Record<string, unknown>, Context>) => {
      // Only the gateway subscribes here; it decides per event what each of its clients may see.
      if (context.caller.role !== 'service') throw codedError('FORBIDDEN', 'The gateway subscribes on its clients’ behalf.');
      const regionId = String(args['regionId'] ?? '');
      if (!/^r-[\w-]{1,80}$/.test(regionId)) throw codedError('BAD_USER_INPUT', 'regionId is not a region id.', { field: 'regionId' });
      return alertsRaisedIn(regionId, context);
    },
  })
  @Sensitive({ level: 'INTERNAL' })
  alertRaised(@Root() alert: AlertRow, @Arg('regionId', () => ID) _regionId: string): AlertRow {
    return alert;
  }
}
