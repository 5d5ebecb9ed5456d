import { Kind, parse } from 'graphql';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestRecord } from './context';
import type { SubgraphFetchOutcome } from './subgraph-source';

export interface MetricsOptions {
  /** Serve Prometheus metrics at `/metrics`. @default true */
  readonly enabled?: boolean;
  /** Also export the Node.js process metrics (event loop lag, heap, GC). @default true */
  readonly processMetrics?: boolean;
  /** Prefix of every metric name. @default 'liangling_gateway_' */
  readonly prefix?: string;
  /**
   * The operation names a label may hold (the trusted documents' operations): any other name is
   * counted as `other`, so no client string becomes a series. @default none
   */
  readonly operationNames?: Iterable<string>;
}

/** The gateway's Prometheus metrics, in a registry of its own (several gateways may share a process, as in tests). */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'operation' | 'status'>;
  private readonly duration: Histogram<'operation'>;
  private readonly fetches: Counter<'subgraph' | 'outcome'>;
  private readonly fetchDuration: Histogram<'subgraph'>;
  private readonly errors: Counter<'code'>;
  private readonly privacy: Counter<'outcome' | 'field'>;
  private readonly rateLimited: Counter<'kind'>;
  private readonly circuitChanges: Counter<'subgraph' | 'state'>;
  private readonly redisEvents: Counter<'component' | 'event'>;
  private readonly operationNames: ReadonlySet<string>;
  private subgraphQueueLoads: () => Iterable<readonly [string, { inFlight: number; queued: number }]> = () => [];

  constructor(options: MetricsOptions = {}) {
    const prefix = options.prefix ?? 'liangling_gateway_';
    const registers = [this.registry];
    this.operationNames = new Set(options.operationNames ?? []);
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix });
    this.requests = new Counter({
      name: `${prefix}requests_total`,
      help: 'GraphQL HTTP requests by operation name and HTTP status.',
      labelNames: ['operation', 'status'],
      registers,
    });
    this.duration = new Histogram({
      name: `${prefix}request_duration_seconds`,
      help: 'Time from request to response, by operation name.',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.fetches = new Counter({
      name: `${prefix}subgraph_fetches_total`,
      help: 'Fetches from subgraphs by outcome (ok, error, timeout, connection, circuit_open, overloaded: refused by its queue).',
      labelNames: ['subgraph', 'outcome'],
      registers,
    });
    this.fetchDuration = new Histogram({
      name: `${prefix}subgraph_fetch_duration_seconds`,
      help: 'Duration of subgraph fetches, the wait for a place in its queue and retries included.',
      labelNames: ['subgraph'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({
      name: `${prefix}errors_total`,
      help: 'Errors in responses by registry code.',
      labelNames: ['code'],
      registers,
    });
    this.privacy = new Counter({
      name: `${prefix}privacy_decisions_total`,
      help: 'Privacy decisions visible in responses, by outcome and field (DENY: a FORBIDDEN_FIELD error).',
      labelNames: ['outcome', 'field'],
      registers,
    });
    this.rateLimited = new Counter({
      name: `${prefix}rate_limited_total`,
      help: 'Requests refused by the rate limiter, by kind of client key.',
      labelNames: ['kind'],
      registers,
    });
    this.circuitChanges = new Counter({
      name: `${prefix}circuit_state_changes_total`,
      help: 'Subgraph circuits opened and closed again, by subgraph and new state.',
      labelNames: ['subgraph', 'state'],
      registers,
    });
    const loads = () => this.subgraphQueueLoads();
    // Read when scraped, not set per fetch: the hot path stays as it is.
    new Gauge({
      name: `${prefix}subgraph_queue_fetches`,
      help: 'Fetches per subgraph holding a place in its queue (in_flight) and waiting for one (queued).',
      labelNames: ['subgraph', 'state'],
      registers,
      collect() {
        for (const [subgraph, load] of loads()) {
          this.set({ subgraph, state: 'in_flight' }, load.inFlight);
          this.set({ subgraph, state: 'queued' }, load.queued);
        }
      },
    });
    this.redisEvents = new Counter({
      name: `${prefix}redis_connection_events_total`,
      help: 'Redis connections lost and recovered, by component (rate-limit, persisted-queries, public-cache).',
      labelNames: ['component', 'event'],
      registers,
    });
  }

  observeCircuitChange(subgraph: string, state: 'open' | 'closed'): void {
    this.circuitChanges.inc({ subgraph, state });
  }

  /** Where the subgraph queues' gauge reads their loads, by subgraph name (the supergraph's: a closed set). */
  watchSubgraphQueues(loads: () => Iterable<readonly [string, { inFlight: number; queued: number }]>): void {
    this.subgraphQueueLoads = loads;
  }

  observeRedisEvent(component: string, event: 'lost' | 'recovered'): void {
    this.redisEvents.inc({ component, event });
  }

  /** One finished HTTP request. */
  observeRequest(record: RequestRecord, status: number, seconds: number): void {
    const operation = this.operationLabel(record.operationName);
    this.requests.inc({ operation, status: String(status) });
    this.duration.observe({ operation }, seconds);
    for (const code of record.errorCodes) this.errors.inc({ code });
    for (const field of record.deniedFields) this.privacy.inc({ outcome: 'DENY', field });
  }

  observeFetch(fetch: SubgraphFetchOutcome): void {
    this.fetches.inc({ subgraph: fetch.subgraph, outcome: fetch.outcome });
    this.fetchDuration.observe({ subgraph: fetch.subgraph }, fetch.seconds);
  }

  observeRateLimited(kind: string): void {
    this.rateLimited.inc({ kind });
  }

  private operationLabel(name: string | undefined): string {
    if (!name) return 'anonymous';
    return this.operationNames.has(name) ? name : 'other';
  }
}

/** The names of the operations in some documents (the trusted ones): the closed set of operation labels. */
export function operationNamesOf(documents: Iterable<string>): string[] {
  const names: string[] = [];
  for (const text of documents) {
    try {
      for (const definition of parse(text, { noLocation: true }).definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) names.push(definition.name.value);
      }
    } catch {
      // A document that does not parse names no operation.
    }
  }
  return names;
}
