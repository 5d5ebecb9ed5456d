import { codedError } from '@liangling/schema';
import type { RequestHandler } from 'express';
import { BoundedQueue } from '../bounded-queue';
import { recordOf, refuse } from './errors';

export interface LoadSheddingOptions {
  /** Requests the gateway works on at once; more wait in the queue. @default 64 */
  readonly maxInFlight?: number;
  /** Requests that may wait for a place; past it a request is refused at once. @default 128 */
  readonly maxQueued?: number;
  /** Longest wait in the queue before a request is refused after all. @default 1000 */
  readonly maxQueueWaitMs?: number;
  /** What `Retry-After` says, in seconds. @default 1 */
  readonly retryAfterSeconds?: number;
}

/** Called to refuse a request: answer 503 with Retry-After. */
export type Shed = (res: Parameters<RequestHandler>[1], retryAfterSeconds: number) => void;

/** The gateway's refusal: 503 with Retry-After and a coded OVERLOADED error. */
export const shedOverloaded: Shed = (res, retryAfter) => {
  res.setHeader('retry-after', String(retryAfter));
  refuse(res, recordOf(res), codedError('OVERLOADED', `The gateway is at capacity; try again in ${retryAfter} s.`, { retryAfter }));
};

export interface LoadShedder {
  readonly middleware: RequestHandler;
  /** Now: requests being worked on, and waiting. */
  stats(): { inFlight: number; queued: number };
}

/**
 * Past capacity, a fast refusal instead of a growing queue: at most `maxInFlight` requests are worked
 * on at once and at most `maxQueued` wait, each for at most `maxQueueWaitMs`; anything more is answered
 * 503 with Retry-After before its body is parsed. So a flood costs each refused request microseconds,
 * and the latency of the admitted ones stays bounded by the queue (its length × service time, and the
 * wait limit) instead of growing with the flood. Admission is first come, first served.
 */
export function loadShedding(options: LoadSheddingOptions = {}, shed: Shed = shedOverloaded): LoadShedder {
  const retryAfterSeconds = options.retryAfterSeconds ?? 1;
  const places = new BoundedQueue({
    maxInFlight: options.maxInFlight ?? 64,
    maxQueued: options.maxQueued ?? 128,
    maxWaitMs: options.maxQueueWaitMs ?? 1000,
  });

  const middleware: RequestHandler = (_req, res, next) => {
    // A client that gave up while waiting frees its place in the queue.
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    void places.enter(gone.signal).then((place) => {
      if (!place.admitted) {
        if (place.reason !== 'abandoned') shed(res, retryAfterSeconds);
        return;
      }
      res.once('finish', place.leave);
      res.once('close', place.leave);
      next();
    });
  };

  return { middleware, stats: () => places.load };
}
