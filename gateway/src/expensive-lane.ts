import type { GraphQLError } from 'graphql';
import { BoundedQueue, overloadedError } from './bounded-queue';

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
  private readonly turns: BoundedQueue;

  constructor(options: ExpensiveLaneOptions = {}) {
    this.options = { ...DEFAULT_EXPENSIVE_LANE, ...options };
    this.turns = new BoundedQueue({ maxInFlight: this.options.concurrency, maxQueued: this.options.queue, maxWaitMs: this.options.waitMs });
  }

  /** Waits for a turn; resolves to the function that gives it back (call it once, however the operation ends). */
  async enter(): Promise<() => void> {
    const turn = await this.turns.enter();
    if (turn.admitted) return turn.leave;
    throw overloaded(
      turn.reason === 'full'
        ? `${this.options.queue} expensive operations are already waiting`
        : `an expensive operation waited ${this.options.waitMs} ms for its turn`,
    );
  }

  /** Running and waiting, for tests and health. */
  get load(): { running: number; waiting: number } {
    const { inFlight, queued } = this.turns.load;
    return { running: inFlight, waiting: queued };
  }
}

function overloaded(reason: string): GraphQLError {
  const retryAfter = 1;
  return overloadedError(
    `The gateway is busy with expensive operations (${reason}); try again in ${retryAfter} s, or ask for smaller pages.`,
    retryAfter,
  );
}
