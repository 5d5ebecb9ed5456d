import { Redis } from 'ioredis';
import { watchRedis, type RedisEvent } from './redis-watch';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface RateLimitOptions {
  /** Requests (operations: a batch counts each) a client may make per window; 0 turns limiting off. @default 1000 */
  readonly points?: number;
  /** Length of the window in seconds. @default 60 */
  readonly durationSeconds?: number;
  /**
   * Redis shared by every gateway replica, e.g. `redis://10.0.0.5:6379`. Without one each gateway
   * counts in its own memory. If Redis stops answering, counting falls back to memory until it is back.
   * @default none
   */
  readonly redisUrl?: string;
  /** Prefix of the Redis keys. @default 'liangling:rate' */
  readonly keyPrefix?: string;
  /** Told once when Redis goes away and once when it is back. */
  readonly onRedisEvent?: (event: RedisEvent) => void;
}

export type RateLimitDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Counts requests per client key (an API key, a token subject, or an address) in a fixed window. */
export interface RateLimiter {
  consume(key: string, points?: number): Promise<RateLimitDecision>;
  /** Resolves true once the shared store answers (at once for memory), false if it did not within `timeoutMs`. */
  ready(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
  /** `up`/`down` for Redis, `none` in memory: for `/health`'s details. */
  store(): 'up' | 'down' | 'none';
}

export function createRateLimiter(options: RateLimitOptions = {}): RateLimiter | undefined {
  const points = options.points ?? 1000;
  if (points <= 0) return undefined;
  const duration = options.durationSeconds ?? 60;
  const keyPrefix = options.keyPrefix ?? 'liangling:rate';
  const memory = new RateLimiterMemory({ points, duration, keyPrefix });
  let redis: Redis | undefined;
  let limiter: RateLimiterAbstract = memory;
  let watched: { up(): boolean } | undefined;
  if (options.redisUrl) {
    // rate-limiter-flexible's advice: no offline queue, so a Redis outage fails fast to the insurance limiter.
    redis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    // Reconnection is ioredis's job; while it lasts, the memory limiter counts. Loss and recovery are told once each.
    watched = watchRedis(redis, options.onRedisEvent);
    limiter = new RateLimiterRedis({ storeClient: redis, points, duration, keyPrefix, insuranceLimiter: memory });
  }
  return {
    async consume(key, cost = 1) {
      try {
        await limiter.consume(key, cost);
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes)
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        // A store failure without insurance must not take the graph down with it.
        return { allowed: true };
      }
    },
    async ready(timeoutMs = 2000) {
      if (!redis || redis.status === 'ready') return true;
      const client = redis;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        client.once('ready', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
    async close() {
      if (redis) await redis.quit().catch(() => redis?.disconnect());
    },
    store: () => (watched ? (watched.up() ? 'up' : 'down') : 'none'),
  };
}
