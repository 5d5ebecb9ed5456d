export { createSubscriptions, subscriptionOwnersOf } from './subscriptions';
export type { GatewaySubscriptions, SubscriptionsOptions } from './subscriptions';
export { planEvents, lookupFieldFor, EVENT_KEY_VARIABLE } from './event-query';
export type { EventPlan, EventPlanResult } from './event-query';
