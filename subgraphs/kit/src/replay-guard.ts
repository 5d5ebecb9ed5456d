import { memoryReplayGuard, type ReplayGuard } from '@liangling/schema';
import { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';

/** A replay guard that can be closed (its Redis connection). */
export interface ClosableReplayGuard extends ReplayGuard {
  close(): Promise<void>;
}

/**
 * Nonces of accepted caller contexts shared by every replica through Redis (`SET NX PX`: the first
 * replica to see a nonce takes it, any other refuses it). While Redis does not answer, each process
 * remembers its own (a replay to the same process is still refused; to another one, within the 30 s a
 * context lives, it is not): loss and recovery are logged once each.
 */
export function redisReplayGuard(
  url: string,
  logger: Logger = pino({ base: { service: 'liangling-subgraph' } }),
  keyPrefix = 'liangling:nonce:',
): ClosableReplayGuard {
  // Commands wait for the connection (at start, or while it comes back) at most `commandTimeout`.
  const redis = new Redis(url, { commandTimeout: 250, maxRetriesPerRequest: 1, keyPrefix });
  const fallback = memoryReplayGuard();
  let lost = false;
  redis.on('error', () => {
    // Reconnection is ioredis's job; meanwhile nonces are remembered in memory.
  });
  return {
    async firstUse(nonce, expiresAtMs) {
      try {
        const set = await redis.set(nonce, '1', 'PX', Math.max(1, Math.ceil(expiresAtMs - Date.now())), 'NX');
        if (lost) {
          lost = false;
          logger.info({ event: 'redis_recovered' }, 'replay guard: Redis answers again; nonces shared again');
        }
        // Also remembered here: a nonce taken while Redis was away must not pass once it is back.
        const local = await fallback.firstUse(nonce, expiresAtMs);
        return set === 'OK' && local;
      } catch (error) {
        if (!lost) {
          lost = true;
          logger.warn(
            { event: 'redis_lost', reason: (error as Error).message },
            'replay guard: Redis is not answering; nonces remembered in this process only',
          );
        }
        return fallback.firstUse(nonce, expiresAtMs);
      }
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
