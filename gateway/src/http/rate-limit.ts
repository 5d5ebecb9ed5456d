import { codedError } from '@liangling/schema';
import type { RequestHandler } from 'express';
import type { GatewayMetrics } from '../metrics';
import type { RateLimiter } from '../rate-limit';
import { authenticatedOf } from './auth';
import { recordOf, refuse } from './errors';

export interface RateLimitingOptions {
  /** The counter of requests per client; none lets every request through. @default none */
  readonly limiter?: RateLimiter;
  /** Counts refusals by the kind of client key. @default none */
  readonly metrics?: GatewayMetrics;
}

/**
 * Requests per client, after the caller is resolved: counted by API key, else by token subject, else
 * by address; a batch counts as its operations. Past the limit: RATE_LIMITED with Retry-After.
 */
export function rateLimiting(options: RateLimitingOptions): RequestHandler {
  const { limiter, metrics } = options;
  return (req, res, next) => {
    if (!limiter) return next();
    const record = recordOf(res);
    const authenticated = authenticatedOf(res);
    const [kind, key] = authenticated?.apiKeyId
      ? ['api_key', `key:${authenticated.apiKeyId}`]
      : authenticated?.caller.sub
        ? ['subject', `sub:${authenticated.caller.role}:${authenticated.caller.sub}`]
        : ['address', `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`];
    limiter.consume(key, record.operations).then((decision) => {
      if (decision.allowed) return next();
      metrics?.observeRateLimited(kind);
      res.setHeader('retry-after', String(decision.retryAfterSeconds));
      refuse(
        res,
        record,
        codedError('RATE_LIMITED', `Too many requests; try again in ${decision.retryAfterSeconds} s.`, {
          retryAfter: decision.retryAfterSeconds,
        }),
      );
    }, next);
  };
}
