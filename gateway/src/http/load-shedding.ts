import { codedError } from '@liangling/schema';
import type { RequestHandler } from 'express';
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
  const maxInFlight = Math.max(1, options.maxInFlight ?? 64);
  const maxQueued = Math.max(0, options.maxQueued ?? 128);
  const maxQueueWaitMs = options.maxQueueWaitMs ?? 1000;
  const retryAfterSeconds = options.retryAfterSeconds ?? 1;
  let inFlight = 0;
  const queue: { admit: () => void; timer: NodeJS.Timeout }[] = [];

  const release = () => {
    inFlight -= 1;
    const next = queue.shift();
    if (next) {
      clearTimeout(next.timer);
      next.admit();
    }
  };

  const middleware: RequestHandler = (_req, res, next) => {
    const admit = () => {
      inFlight += 1;
      let released = false;
      const once = () => {
        if (released) return;
        released = true;
        release();
      };
      res.once('finish', once);
      res.once('close', once);
      next();
    };
    if (inFlight < maxInFlight) return admit();
    if (queue.length >= maxQueued) return shed(res, retryAfterSeconds);
    const entry = {
      admit,
      timer: setTimeout(() => {
        const at = queue.indexOf(entry);
        if (at >= 0) queue.splice(at, 1);
        shed(res, retryAfterSeconds);
      }, maxQueueWaitMs),
    };
    // A client that gave up while waiting frees its place in the queue.
    res.once('close', () => {
      const at = queue.indexOf(entry);
      if (at >= 0) {
        queue.splice(at, 1);
        clearTimeout(entry.timer);
      }
    });
    queue.push(entry);
  };

  return { middleware, stats: () => ({ inFlight, queued: queue.length }) };
}
