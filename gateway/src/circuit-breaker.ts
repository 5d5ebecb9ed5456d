export interface CircuitBreakerOptions {
  /**
   * Consecutive subgraph failures that open the circuit: a connection refused or reset, an HTTP 5xx
   * without a refusal code, or a timeout that is the subgraph's (see {@link CircuitBreaker.onTimeout}).
   * @default 5
   */
  readonly failureThreshold?: number;
  /** How long an open circuit refuses calls before one trial call is let through (half-open). @default 10000 */
  readonly cooldownMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** Told when the circuit opens (`open`) and when it closes again (`closed`): the gateway logs and counts it. */
  readonly onStateChange?: (state: 'open' | 'closed') => void;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * A circuit breaker for one subgraph: after `failureThreshold` consecutive failures it opens, and
 * calls fail at once (no connection, no timeout to wait out) so a dead department costs the others
 * nothing. After `cooldownMs` one trial call goes through: success closes it, failure opens it again.
 *
 * It counts the subgraph's failures, not its refusals of one caller's work: an answer, whatever it
 * says (RESULT_TOO_LARGE, OVERLOADED, BAD_USER_INPUT…), is a success, and a timeout counts only when
 * it is the subgraph's rather than one heavy query's ({@link onTimeout}).
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;
  /** Calls answered so far: a call that timed out compares it with its value when it started. */
  private answered = 0;
  /** The identified callers of the timeouts since the last answer, and how many timeouts were of callers not identified. */
  private readonly timedOutCallers = new Set<string>();
  private unidentifiedTimeouts = 0;
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;
  private readonly onStateChange: ((state: 'open' | 'closed') => void) | undefined;

  constructor(options: CircuitBreakerOptions = {}) {
    this.threshold = options.failureThreshold ?? 5;
    this.cooldownMs = options.cooldownMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.onStateChange = options.onStateChange;
  }

  get state(): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  /** Whether a call may go out now; in half-open, only one trial at a time. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** A mark to take when a call starts, for {@link onTimeout}. */
  mark(): number {
    return this.answered;
  }

  /** The subgraph answered (data, or a refusal of the request): it is up. */
  onSuccess(): void {
    if (this.openedAt !== undefined) this.onStateChange?.('closed');
    this.failures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
    this.answered += 1;
    this.timedOutCallers.clear();
    this.unidentifiedTimeouts = 0;
  }

  /** The subgraph failed: no connection, or a 5xx that refuses nothing. */
  onFailure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.openedAt === undefined && this.failures >= this.threshold) this.onStateChange?.('open');
    if (this.openedAt !== undefined || this.failures >= this.threshold) this.openedAt = this.now();
  }

  /**
   * A call started at `mark` ran out of time. That is one heavy query's fate, not a failure of the
   * subgraph, when the subgraph answered another call meanwhile, or when every timeout since its last
   * answer is this same caller's (`caller`: an identity, or undefined when the caller cannot be told
   * apart from others, as anonymous callers cannot). It counts as a failure once the subgraph also
   * fails a second caller, and always for the trial call of a half-open circuit. Says which it was.
   */
  onTimeout(mark: number, caller: string | undefined): 'failure' | 'refusal' {
    if (this.openedAt === undefined) {
      if (this.answered > mark) return 'refusal';
      if (caller === undefined) this.unidentifiedTimeouts += 1;
      else this.timedOutCallers.add(caller);
      if (this.timedOutCallers.size + this.unidentifiedTimeouts < 2) return 'refusal';
    }
    this.onFailure();
    return 'failure';
  }
}
