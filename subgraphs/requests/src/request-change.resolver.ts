// The resident's own requests, live: Subscription.myRepairRequestChanged streams every committed move
// to one subscriber only, the gateway (as its own service identity), which asks for each change's id
// and, per event and per client, reads it through `myRepairRequestChange(id)` with that client's
// credentials. That lookup answers the resident who submitted the request and nobody else, so a
// resident receives their own requests' changes only, audited as the same query would be; any other
// caller is refused with FORBIDDEN before anything is subscribed (staff follow requests through
// their queries).
import { codedError } from '@liangling/schema';
import { Arg, Ctx, ID, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { Context } from './context';
import { changeOf, RepairRequestChange, type RequestChangeRow } from './request-change';
import { requestChangesFor } from './request-change-events';

@Resolver(() => RepairRequestChange)
export class RepairRequestChangeResolver {
  @Query(() => RepairRequestChange, {
    nullable: true,
    description: 'One change of one of your own repair requests, by its id; residents only.',
  })
  async myRepairRequestChange(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<RequestChangeRow | null> {
    const { caller } = context;
    if (caller.role !== 'resident' || !caller.sub)
      throw codedError('FORBIDDEN', 'Changes of your repair requests are for residents signed in as themselves.');
    // Timeline entries are numbered (an int column on PostgreSQL): anything else names none.
    if (!/^\d{1,9}$/.test(id)) return null;
    const entry = await context.db.requestEvent.findUnique({ where: { id: Number(id) } });
    const request = entry ? await context.loaders.request.load(entry.requestId) : null;
    // Someone else's request: as if there were no such change.
    return entry && request && request.submittedById === caller.sub ? changeOf(entry, request) : null;
  }

  @Subscription(() => RepairRequestChange, {
    nullable: true,
    description:
      'Each move of one of your own repair requests (accepted, dispatched, in progress, resolved, escalated, closed, rated…) from now on, as it happens; residents only. Each comes as `myRepairRequestChange(id)` shows it.',
    subscribe: ({ context }: SubscribeResolverData<unknown, Record<string, unknown>, Context>) => {
      // Only the gateway subscribes here; it decides per event what each of its clients may see.
      if (context.caller.role !== 'service') throw codedError('FORBIDDEN', 'The gateway subscribes on its clients’ behalf.');
      return requestChangesFor(context);
    },
  })
  myRepairRequestChanged(@Root() change: RequestChangeRow): RequestChangeRow {
    return change;
  }
}
