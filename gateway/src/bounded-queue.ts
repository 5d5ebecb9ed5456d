import { HeaderMap } from '@apollo/server';
import { codedError } from '@liangling/schema';
import type { GraphQLError } from 'graphql';

export interface BoundedQueueOptions {
  /** Holders of a place at once; the next ones wait. */
  readonly maxInFlight: number;
  /** Waiting at once; one more is refused at once. */
  readonly maxQueued: number;
  /** Longest wait for a place before being refused after all. */
  readonly maxWaitMs: number;
}

/**
 * A place, with `leave` to give it back (once, however the work ends; more calls do nothing), or why
 * none was given: the queue was full, the wait ran out, or the waiter gave up (its signal aborted).
 */
export type Admission =
  { readonly admitted: true; readonly leave: () => void } | { readonly admitted: false; readonly reason: 'full' | 'timeout' | 'abandoned' };

/**
 * Places for work, at most `maxInFlight` at once, given first come, first served: at most `maxQueued`
 * wait, each for at most `maxWaitMs`. The mechanics of the gateway's load shedding, its expensive
 * lane and each subgraph's fetches: past capacity, a fast refusal instead of a queue that grows, so
 * the latency of what is admitted stays bounded.
 */
export class BoundedQueue {
  readonly options: BoundedQueueOptions;
  private inFlight = 0;
  private readonly waiting: { admit: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(options: BoundedQueueOptions) {
    this.options = { ...options, maxInFlight: Math.max(1, options.maxInFlight), maxQueued: Math.max(0, options.maxQueued) };
  }

  /** A place now, or once one is given back; `signal` aborting while it waits frees its place in the queue. */
  async enter(signal?: AbortSignal): Promise<Admission> {
    if (this.inFlight < this.options.maxInFlight) return this.admitted();
    if (this.waiting.length >= this.options.maxQueued) return { admitted: false, reason: 'full' };
    if (signal?.aborted) return { admitted: false, reason: 'abandoned' };
    return new Promise<Admission>((resolve) => {
      const leaveQueue = (reason: 'timeout' | 'abandoned') => {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        clearTimeout(entry.timer);
        signal?.removeEventListener('abort', abandon);
        resolve({ admitted: false, reason });
      };
      const abandon = () => leaveQueue('abandoned');
      const entry = {
        admit: () => {
          clearTimeout(entry.timer);
          signal?.removeEventListener('abort', abandon);
          resolve(this.admitted());
        },
        timer: setTimeout(() => leaveQueue('timeout'), this.options.maxWaitMs),
      };
      signal?.addEventListener('abort', abandon, { once: true });
      this.waiting.push(entry);
    });
  }

  /** Holding a place, and waiting for one: for metrics, tests and health. */
  get load(): { inFlight: number; queued: number } {
    return { inFlight: this.inFlight, queued: this.waiting.length };
  }

  private admitted(): Admission {
    this.inFlight += 1;
    let left = false;
    return {
      admitted: true,
      leave: () => {
        if (left) return;
        left = true;
        this.inFlight -= 1;
        // The place passes to the first in line, which counts itself in.
        this.waiting.shift()?.admit();
      },
    };
  }
}

/**
 * The GraphQL refusal of a place: OVERLOADED, whose registry status (503) and `Retry-After` header
 * Apollo Server puts on the HTTP response, wherever in the request it is raised.
 */
export function overloadedError(message: string, retryAfter: number, extensions: Record<string, unknown> = {}): GraphQLError {
  const error = codedError('OVERLOADED', message, { ...extensions, retryAfter });
  (error.extensions['http'] as { headers?: HeaderMap }).headers = new HeaderMap([['retry-after', String(retryAfter)]]);
  return error;
}
