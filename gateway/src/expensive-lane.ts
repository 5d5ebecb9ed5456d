import { HeaderMap } from '@apollo/server';
import { codedError } from '@liangling/schema';
import type { GraphQLError } from 'graphql';

export interface ExpensiveLaneOptions {
  /** Operations estimated at this cost or more take the lane. @default 2000 */
  readonly cost?: number;
  /** Expensive operations running at once on this gateway. @default 1 */
  readonly concurrency?: number;
  /** Expensive operations waiting for their turn; one more is refused with OVERLOADED. @default 8 */
  readonly queue?: number;
  /** The longest an expensive operation waits for its turn before it is refused with OVERLOADED. @default 10000 */
  readonly waitMs?: number;
}

export const DEFAULT_EXPENSIVE_LANE: Required<ExpensiveLaneOptions> = { cost: 2000, concurrency: 1, queue: 8, waitMs: 10_000 };

/**
 * The lane of expensive operations: at most `concurrency` of them run at once, the next ones wait
 * their turn (first come, first served), and past the queue or the wait they are refused. Whatever
 * else the gateway serves meanwhile runs beside them: one caller's heavy pages cannot multiply into
 * many at once and starve everyone's light ones.
 */
export class ExpensiveLane {
  readonly options: Required<ExpensiveLaneOptions>;
  private running = 0;
  private readonly waiting: { admit: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(options: ExpensiveLaneOptions = {}) {
    this.options = { ...DEFAULT_EXPENSIVE_LANE, ...options };
  }

  /** Waits for a turn; resolves to the function that gives it back (call it once, however the operation ends). */
  async enter(): Promise<() => void> {
    if (this.running < this.options.concurrency) return this.admitted();
    if (this.waiting.length >= this.options.queue) throw overloaded(`${this.options.queue} expensive operations are already waiting`);
    await new Promise<void>((resolve, reject) => {
      const entry = {
        admit: () => {
          clearTimeout(entry.timer);
          resolve();
        },
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(entry), 1);
          reject(overloaded(`an expensive operation waited ${this.options.waitMs} ms for its turn`));
        }, this.options.waitMs),
      };
      this.waiting.push(entry);
    });
    return this.admitted();
  }

  /** Running and waiting, for tests and health. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private admitted(): () => void {
    this.running += 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.running -= 1;
      // The turn passes to the first in line, which counts itself in.
      this.waiting.shift()?.admit();
    };
  }
}

function overloaded(reason: string): GraphQLError {
  const retryAfter = 1;
  const error = codedError(
    'OVERLOADED',
    `The gateway is busy with expensive operations (${reason}); try again in ${retryAfter} s, or ask for smaller pages.`,
    { retryAfter },
  );
  (error.extensions['http'] as { headers?: HeaderMap }).headers = new HeaderMap([['retry-after', String(retryAfter)]]);
  return error;
}
