export interface CircuitBreakerOptions {
  /** Consecutive failures (connection refused or reset, timeout, HTTP 5xx) that open the circuit. @default 5 */
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
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;

  constructor(options: CircuitBreakerOptions = {}) {
    this.threshold = options.failureThreshold ?? 5;
    this.cooldownMs = options.cooldownMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.onStateChange = options.onStateChange;
  }

  private readonly onStateChange: ((state: 'open' | 'closed') => void) | undefined;

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

  onSuccess(): void {
    if (this.openedAt !== undefined) this.onStateChange?.('closed');
    this.failures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
  }

  onFailure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.openedAt === undefined && this.failures >= this.threshold) this.onStateChange?.('open');
    if (this.openedAt !== undefined || this.failures >= this.threshold) this.openedAt = this.now();
  }
}
