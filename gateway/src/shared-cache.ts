import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { watchRedis, type RedisEvent } from './redis-watch';

/**
 * A key-value cache the gateway's replicas can share: in memory by default, in Redis when a URL is
 * given. It has the shape of Apollo's `KeyValueCache`, so it also backs automatic persisted queries. A cache is
 * never worth an error: when Redis does not answer, a read is a miss and a write is dropped.
 */
export interface SharedCache {
  get(key: string): Promise<string | undefined>;
  /** `ttl` in seconds, as Apollo's caches take it; none keeps the entry until it is pushed out. */
  set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
  /** `up`/`down` for Redis, `none` in memory: for `/health`'s details. */
  store(): 'up' | 'down' | 'none';
}

interface KeyValueCacheSetOptions {
  ttl?: number | null;
}

export interface SharedCacheOptions {
  /** Redis shared by every replica, e.g. `redis://10.0.0.5:6379`. @default none: memory */
  readonly redisUrl?: string;
  /** Prefix of every key, so several caches (and several deployments) can share one Redis. */
  readonly keyPrefix: string;
  /** Entries kept at most in memory; the least recently used goes first. @default 1000 */
  readonly maxEntries?: number;
  /** Told once when Redis goes away and once when it is back. */
  readonly onRedisEvent?: (event: RedisEvent) => void;
}

export function createSharedCache(options: SharedCacheOptions): SharedCache {
  return options.redisUrl
    ? redisCache(options.redisUrl, options.keyPrefix, options.onRedisEvent)
    : memoryCache(options.keyPrefix, options.maxEntries ?? 1000);
}

function memoryCache(prefix: string, maxEntries: number): SharedCache {
  const entries = new LRUCache<string, string>({ max: maxEntries });
  return {
    get: async (key) => entries.get(prefix + key),
    async set(key, value, options?: KeyValueCacheSetOptions) {
      // lru-cache's ttl is in milliseconds; 0 keeps the entry until it is pushed out.
      entries.set(prefix + key, value, { ttl: options?.ttl ? options.ttl * 1000 : 0 });
    },
    async delete(key) {
      entries.delete(prefix + key);
    },
    async close() {
      entries.clear();
    },
    store: () => 'none',
  };
}

function redisCache(url: string, prefix: string, onRedisEvent: ((event: RedisEvent) => void) | undefined): SharedCache {
  // Commands wait for the connection (at start, or while it comes back) at most `commandTimeout`,
  // then count as misses: a slow Redis never slows a request by more than that.
  const redis = new Redis(url, { commandTimeout: 250, maxRetriesPerRequest: 1, keyPrefix: prefix });
  // Reconnection is ioredis's job; meanwhile every read is a miss. Loss and recovery are told once each.
  const watched = watchRedis(redis, onRedisEvent);
  return {
    async get(key) {
      try {
        return (await redis.get(key)) ?? undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, value, options?: KeyValueCacheSetOptions) {
      try {
        const ttlSeconds = options?.ttl;
        if (ttlSeconds) await redis.set(key, value, 'PX', Math.max(1, Math.round(ttlSeconds * 1000)));
        else await redis.set(key, value);
      } catch {
        // Dropped: the next reader asks the subgraphs.
      }
    },
    async delete(key) {
      try {
        await redis.del(key);
      } catch {
        // Nothing to undo.
      }
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
    store: () => (watched.up() ? 'up' : 'down'),
  };
}
