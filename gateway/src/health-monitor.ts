import type { CircuitState } from './circuit-breaker';
import type { SubgraphEndpoint } from './supergraph';

export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  readonly subgraphs: Readonly<Record<string, 'ok' | 'down'>>;
}

/** What an operator reads: the summary, and per subgraph why, since when, and the circuit's state. */
export interface HealthDetails extends HealthReport {
  readonly ready: boolean;
  /** Why `/ready` says 503, when it does. */
  readonly notReadyBecause: string | null;
  readonly draining: boolean;
  readonly supergraph: { readonly subgraphs: number };
  readonly checkedAt: string | null;
  readonly subgraphDetails: Readonly<
    Record<
      string,
      {
        readonly status: 'ok' | 'down';
        /** When the status last changed (ISO time). */
        readonly since: string;
        readonly circuit: CircuitState | 'unknown';
        readonly latencyMs: number | null;
        /** Why the last probe failed: `HTTP 503`, `timeout`, `connection refused`. */
        readonly error: string | null;
      }
    >
  >;
  /** Shared stores (Redis) by component: `up`, `down`, or `none` when not configured. */
  readonly stores: Readonly<Record<string, 'up' | 'down' | 'none'>>;
}

/** Which subgraphs `/ready` needs: `any` (one answering is enough to serve), `all`, or the names listed. */
export type ReadinessRule = 'any' | 'all' | readonly string[];

export interface HealthMonitorOptions {
  /** How often the subgraphs are probed in the background, for `/ready`. @default 2000 */
  readonly intervalMs?: number;
  /** Each probe's deadline. @default 1000 */
  readonly timeoutMs?: number;
  /** @default 'any' */
  readonly readiness?: ReadinessRule;
  /** A subgraph's circuit state, by name: an open circuit counts as down without a probe. */
  readonly circuitOf?: (subgraph: string) => CircuitState | undefined;
  /** Shared stores' states, by component (`rate-limit`, `cache`). */
  readonly stores?: () => Readonly<Record<string, 'up' | 'down' | 'none'>>;
}

interface SubgraphState {
  status: 'ok' | 'down';
  since: number;
  latencyMs: number | null;
  error: string | null;
}

/**
 * The gateway's view of its subgraphs: in the background, whether each answers at all (`/live`, for
 * `/ready`: no fan-out per call, no database touched); on demand, for `/health`, whether each can
 * serve (`/ready`: the service and its database), with concurrent callers sharing one probe. A
 * subgraph without those routes (404: someone else's subgraph) answered, so it counts as up.
 */
export class HealthMonitor {
  private readonly states = new Map<string, SubgraphState>();
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private inFlight: Promise<void> | undefined;
  private checkedAt: number | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly subgraphs: readonly SubgraphEndpoint[],
    private readonly options: HealthMonitorOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 2000;
    this.timeoutMs = options.timeoutMs ?? 1000;
    const now = Date.now();
    for (const { name } of subgraphs) this.states.set(name, { status: 'ok', since: now, latencyMs: null, error: null });
  }

  /**
   * Probes once (awaited) and then every `intervalMs` until stopped. The background probe asks each
   * subgraph's `/live` (does it answer at all: a path to it), which costs its database nothing.
   */
  async start(): Promise<void> {
    await this.probeAll('/live');
    if (this.intervalMs > 0) {
      this.timer = setInterval(() => void this.probeAll('/live'), this.intervalMs);
      this.timer.unref();
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * Probes every subgraph's `/ready` now (the service and its database); a probe already running is
   * joined, not repeated.
   */
  probe(): Promise<void> {
    this.inFlight ??= this.probeAll('/ready').finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** The summary every caller may see: each subgraph `ok` or `down`, after a fresh (shared) probe. */
  async report(): Promise<HealthReport> {
    await this.probe();
    return this.summary();
  }

  /** For operators: the summary with why, since when, circuits, stores and readiness. */
  async details(draining: boolean): Promise<HealthDetails> {
    await this.probe();
    const readiness = this.readiness(draining);
    const subgraphDetails = Object.fromEntries(
      [...this.states].map(([name, state]) => [
        name,
        {
          status: state.status,
          since: new Date(state.since).toISOString(),
          circuit: (this.options.circuitOf?.(name) ?? 'unknown') as CircuitState | 'unknown',
          latencyMs: state.latencyMs,
          error: state.error,
        },
      ]),
    );
    return {
      ...this.summary(),
      ready: readiness.ready,
      notReadyBecause: readiness.ready ? null : readiness.reason,
      draining,
      supergraph: { subgraphs: this.subgraphs.length },
      checkedAt: this.checkedAt === undefined ? null : new Date(this.checkedAt).toISOString(),
      subgraphDetails,
      stores: this.options.stores?.() ?? {},
    };
  }

  /**
   * Whether this gateway can serve, from the last probe (no fan-out per call): not draining, and the
   * subgraphs the rule needs answering — by default at least one, since a gateway with every
   * department gone can answer nothing, while one department down still leaves partial answers.
   */
  readiness(draining: boolean): { ready: true } | { ready: false; reason: string } {
    if (draining) return { ready: false, reason: 'draining' };
    const down = [...this.states].filter(([, state]) => state.status === 'down').map(([name]) => name);
    const rule = this.options.readiness ?? 'any';
    if (this.states.size === 0) return { ready: true };
    if (rule === 'any') return down.length === this.states.size ? { ready: false, reason: 'no subgraph answers' } : { ready: true };
    const required = rule === 'all' ? [...this.states.keys()] : rule;
    const missing = required.filter((name) => down.includes(name));
    return missing.length > 0 ? { ready: false, reason: `required subgraphs down: ${missing.join(', ')}` } : { ready: true };
  }

  private summary(): HealthReport {
    const subgraphs = Object.fromEntries([...this.states].map(([name, state]) => [name, state.status]));
    return { status: Object.values(subgraphs).every((status) => status === 'ok') ? 'ok' : 'degraded', subgraphs };
  }

  private async probeAll(path: '/ready' | '/live'): Promise<void> {
    await Promise.all(
      this.subgraphs.map(async ({ name, url }) => {
        const started = Date.now();
        let error: string | null = null;
        if (this.options.circuitOf?.(name) === 'open') error = 'circuit open';
        else {
          try {
            const response = await fetch(new URL(path, url), { signal: AbortSignal.timeout(this.timeoutMs) });
            if (!response.ok && response.status !== 404) error = `HTTP ${response.status}`;
            await response.body?.cancel();
          } catch (failure) {
            const cause = (failure as { cause?: { code?: string } }).cause?.code;
            error =
              (failure as Error).name === 'TimeoutError'
                ? 'timeout'
                : cause === 'ECONNREFUSED'
                  ? 'connection refused'
                  : (cause ?? (failure as Error).message);
          }
        }
        const state = this.states.get(name)!;
        const status = error === null ? 'ok' : 'down';
        if (status !== state.status) {
          state.status = status;
          state.since = Date.now();
        }
        state.latencyMs = error === null ? Date.now() - started : null;
        state.error = error;
      }),
    );
    this.checkedAt = Date.now();
  }
}
