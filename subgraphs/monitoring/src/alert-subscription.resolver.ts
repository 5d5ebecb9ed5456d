// Subscription.alertRaised: the monitoring department's live feed of new alerts in a region. The
// stream carries alerts to one subscriber only, the gateway (as its own service identity); the gateway
// asks for nothing but each alert's id and, per event and per client, reads the alert through its
// normal query pipeline with that client's credentials: what a client receives is what `alert(id)`
// would show them, audited the same way.
import { Sensitive, validate } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { Alert } from './alert';
import { alertsRaisedIn } from './alert-events';
import { alertRaisedSchema } from './alert.inputs';
import type { Context } from './context';
import type { Alert as AlertRow } from './generated/prisma/client';

@Resolver(() => Alert)
export class AlertSubscriptionResolver {
  @Subscription(() => Alert, {
    nullable: true,
    description:
      'Alerts raised in a region (or below it) from now on, as they are raised; staff only. Each alert comes as `alert(id)` would show it to the subscriber.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, Record<string, unknown>, Context>) => {
      // Only the gateway subscribes here; it decides per event what each of its clients may see.
      if (context.caller.role !== 'service') throw codedError('FORBIDDEN', 'The gateway subscribes on its clients’ behalf.');
      const { regionId } = validate(alertRaisedSchema, { regionId: String(args['regionId'] ?? '') });
      return alertsRaisedIn(regionId, context);
    },
  })
  @Sensitive({ level: 'INTERNAL' })
  alertRaised(@Root() alert: AlertRow, @Arg('regionId', () => ID) _regionId: string): AlertRow {
    return alert;
  }
}
