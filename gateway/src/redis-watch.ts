import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** A Redis connection went away (`lost`) or came back (`recovered`). */
export type RedisEvent = 'lost' | 'recovered';

/**
 * Reports each loss and recovery of a Redis connection once (ioredis emits an error per failed
 * reconnection attempt: one line per outage is what an operator wants), and whether it is up now.
 */
export function watchRedis(redis: Redis, onEvent: ((event: RedisEvent) => void) | undefined): { up(): boolean } {
  let lost = false;
  const lose = () => {
    if (lost) return;
    lost = true;
    onEvent?.('lost');
  };
  redis.on('error', lose);
  redis.on('close', () => {
    // `close` also ends a deliberate quit, which is no outage.
    if (redis.status !== 'end') lose();
  });
  redis.on('ready', () => {
    if (!lost) return;
    lost = false;
    onEvent?.('recovered');
  });
  return { up: () => redis.status === 'ready' };
}

/**
 * Redis going away and coming back, for one component (`rate-limit`, `public-cache`): one log line
 * and one count each.
 */
export function reportRedisEvents(
  logger: Logger,
  metrics: { observeRedisEvent(component: string, event: RedisEvent): void } | undefined,
): (component: string) => (event: RedisEvent) => void {
  return (component) => (event) => {
    metrics?.observeRedisEvent(component, event);
    if (event === 'lost') logger.warn({ event: 'redis_lost', component }, `Redis is not answering (${component}); going on without it`);
    else logger.info({ event: 'redis_recovered', component }, `Redis answers again (${component})`);
  };
}
