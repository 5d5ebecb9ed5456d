import { AsyncLocalStorage } from 'node:async_hooks';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { setTimeout as delay } from 'node:timers/promises';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { context as otelContext, propagation } from '@opentelemetry/api';
import { CALLER_CONTEXT_HEADER, codedError, isErrorCode, signCallerContext, type Caller, type KeyMaterial } from '@liangling/schema';
import { Kind, type DocumentNode, type GraphQLError } from 'graphql';
import nodeFetch from 'node-fetch';
import { BoundedQueue, overloadedError, type BoundedQueueOptions } from './bounded-queue';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker';
import type { GatewayContext } from './context';

/** How the gateway talks to one subgraph. */
export interface SubgraphResilienceOptions {
  /** Longest wait for a subgraph's whole response, per attempt. @default 10000 */
  readonly timeoutMs?: number;
  /** Extra attempts of a query whose connection failed (refused, reset); mutations are never retried. @default 2 */
  readonly retries?: number;
  /** Wait before the first retry, doubled for each further one. @default 50 */
  readonly retryDelayMs?: number;
  /** Keep-alive sockets kept open per subgraph. @default 64 */
  readonly maxSockets?: number;
  /** @default { failureThreshold: 5, cooldownMs: 10000 } */
  readonly circuitBreaker?: CircuitBreakerOptions;
  /** Fetches to the subgraph at once, and how many may wait how long for a place. @default {@link DEFAULT_SUBGRAPH_QUEUE} */
  readonly queue?: Partial<BoundedQueueOptions>;
}

/**
 * Sized so that a subgraph answering in time is never refused: its places (in flight and waiting, 96)
 * outnumber the requests the gateway works on at once (load shedding's 64), each of which waits on
 * one fetch to a subgraph at a time as plans go. What fills them is a subgraph holding its fetches;
 * then the next ones are refused within 500 ms, and callers of the other departments keep the
 * gateway's places.
 */
export const DEFAULT_SUBGRAPH_QUEUE: BoundedQueueOptions = { maxInFlight: 32, maxQueued: 64, maxWaitMs: 500 };

/** What `Retry-After` says when a subgraph's queue refuses a fetch, in seconds. */
const RETRY_AFTER_SECONDS = 1;

/** What one fetch did, for metrics. */
export interface SubgraphFetchOutcome {
  readonly subgraph: string;
  readonly seconds: number;
  /**
   * `ok`, or why the subgraph's part is missing (`error`: an HTTP error status, a refusal among them;
   * `overloaded`: its queue had no place, so nothing was sent).
   */
  readonly outcome: 'ok' | 'error' | 'timeout' | 'connection' | 'circuit_open' | 'overloaded';
}

const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * A subgraph fetch that carries the caller, as the gateway verified it, in a short-lived signed
 * header (subgraphs trust nothing else, so a forged or replayed request gets nothing), and that
 * survives a department in trouble: a timeout per attempt, a keep-alive connection pool, retries of
 * queries whose connection failed, and a circuit breaker. When the subgraph cannot answer, its part
 * of the response is missing with SUBGRAPH_UNAVAILABLE naming it; the other subgraphs' data stands.
 * A bounded queue of its fetches keeps a slow department from holding every caller: past its places
 * a fetch is not sent, and its part is missing with OVERLOADED (HTTP 503, Retry-After) naming it.
 */
export class SignedSubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly breaker: CircuitBreaker;
  readonly queue: BoundedQueue;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly agent: HttpAgent;
  /** The caller of the fetch in flight, for the fetcher, which signs it with the exact body it sends. */
  private readonly callers = new AsyncLocalStorage<Caller>();

  constructor(
    url: string,
    callerKey: KeyMaterial,
    private readonly serviceName = new URL(url).host,
    options: SubgraphResilienceOptions = {},
    private readonly onFetch?: (outcome: SubgraphFetchOutcome) => void,
  ) {
    super({ url });
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retries = options.retries ?? 2;
    this.retryDelayMs = options.retryDelayMs ?? 50;
    this.breaker = new CircuitBreaker(options.circuitBreaker);
    this.queue = new BoundedQueue({ ...DEFAULT_SUBGRAPH_QUEUE, ...options.queue });
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
    this.agent = url.startsWith('https:') ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
    const agent = this.agent;
    const timeoutMs = this.timeoutMs;
    const callers = this.callers;
    // node-fetch, as the data source's default, with our pool and a deadline covering the body too.
    // The caller context is signed here, per attempt, over the very bytes that leave: a subgraph
    // refuses it with any other body, and a second time.
    this.fetcher = (input, init) => {
      const caller = callers.getStore();
      const headers = caller
        ? {
            ...init?.headers,
            [CALLER_CONTEXT_HEADER]: signCallerContext(caller, callerKey, {
              method: init?.method ?? 'POST',
              body: String(init?.body ?? ''),
            }),
          }
        : init?.headers;
      return nodeFetch(input, { ...init, headers, agent, signal: AbortSignal.timeout(timeoutMs) } as Parameters<typeof nodeFetch>[1]);
    };
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!('caller' in context) || !context.caller) return;
    request.http?.headers.set('x-request-id', context.requestId);
    // The gateway's own id: access records carry it, the client's x-request-id only as a hint.
    if (context.record?.gatewayRequestId) request.http?.headers.set('x-liangling-request-id', context.record.gatewayRequestId);
    // A no-op unless tracing registered a propagator: then the subgraph's spans join the trace.
    if (request.http)
      propagation.inject(otelContext.active(), request.http.headers, { set: (headers, key, value) => headers.set(key, value) });
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    const caller = 'caller' in options.context ? options.context.caller : undefined;
    return caller ? this.callers.run(caller, () => this.processResiliently(options)) : this.processResiliently(options);
  }

  private async processResiliently(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    const started = process.hrtime.bigint();
    const report = (outcome: SubgraphFetchOutcome['outcome']) =>
      this.onFetch?.({ subgraph: this.serviceName, seconds: Number(process.hrtime.bigint() - started) / 1e9, outcome });
    // The enum of request kinds is not exported by @apollo/gateway; only incoming operations carry these.
    const incoming = options as { pathInIncomingRequest?: readonly (string | number)[]; document?: DocumentNode };
    const path = incoming.pathInIncomingRequest;
    // The place before the breaker: a refusal here is not the subgraph failing, and a half-open
    // circuit's trial, once let through, must reach the subgraph.
    const place = await this.queue.enter();
    if (!place.admitted) {
      report('overloaded');
      const { maxInFlight, maxQueued, maxWaitMs } = this.queue.options;
      throw this.overloaded(
        place.reason === 'full' ? `${maxInFlight} fetches in flight and ${maxQueued} waiting` : `no place within ${maxWaitMs} ms`,
        path,
      );
    }
    try {
      return await this.fetchResiliently(options, incoming.document, path, report);
    } finally {
      place.leave();
    }
  }

  private async fetchResiliently(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    document: DocumentNode | undefined,
    path: readonly (string | number)[] | undefined,
    report: (outcome: SubgraphFetchOutcome['outcome']) => void,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    if (!this.breaker.tryAcquire()) {
      report('circuit_open');
      throw this.unavailable('is not answering (circuit open)', path);
    }
    const retryable = isQuery(document, options.request.query);
    const mark = this.breaker.mark();
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await super.process(options);
        this.breaker.onSuccess();
        report('ok');
        return response;
      } catch (error) {
        const failure = classify(error);
        if (failure === 'connection' && retryable && attempt < this.retries) {
          await delay(this.retryDelayMs * 2 ** attempt);
          continue;
        }
        if (failure === 'other' || failure === 'refused') {
          // The subgraph answered (a 4xx, a 5xx refusing this request with a registry code, a body
          // that is not GraphQL): it is up, the request was refused or wrong.
          this.breaker.onSuccess();
          report('error');
          throw failure === 'refused' ? this.refusal(error, path) : error;
        }
        // A timeout may be one heavy query's, not the subgraph's: the breaker decides which.
        if (failure === 'timeout') this.breaker.onTimeout(mark, callerIdentity(options.context));
        else this.breaker.onFailure();
        report(failure === 'unavailable' ? 'error' : failure);
        throw this.unavailable(failure === 'timeout' ? `did not answer within ${this.timeoutMs} ms` : 'is not reachable', path);
      }
    }
  }

  /** Closes the pooled connections. */
  close(): void {
    this.agent.destroy();
  }

  /** A subgraph's refusal (its first error's code and message), as it would reach the caller in a 200 answer. */
  private refusal(error: unknown, path: readonly (string | number)[] | undefined): GraphQLError {
    const first = firstError((error as { extensions?: { response?: { body?: unknown } } }).extensions?.response?.body);
    const code = first?.extensions?.code;
    return isErrorCode(code)
      ? codedError(code, typeof first?.message === 'string' ? first.message : 'The request was refused.', this.whereOf(path))
      : (error as GraphQLError);
  }

  private unavailable(why: string, path: readonly (string | number)[] | undefined): GraphQLError {
    return codedError(
      'SUBGRAPH_UNAVAILABLE',
      `The ${this.serviceName} service ${why}; its part of the response is missing.`,
      this.whereOf(path),
    );
  }

  /** Nothing was sent, so a mutation's fetch did not run either: trying again is safe. */
  private overloaded(why: string, path: readonly (string | number)[] | undefined): GraphQLError {
    return overloadedError(
      `The ${this.serviceName} service is at capacity at the gateway (${why}); nothing was sent to it, and its part of the response is missing; try again in ${RETRY_AFTER_SECONDS} s.`,
      RETRY_AFTER_SECONDS,
      this.whereOf(path),
    );
  }

  /** Which subgraph, and where in the response its part is missing. */
  private whereOf(path: readonly (string | number)[] | undefined): Record<string, unknown> {
    return { serviceName: this.serviceName, ...(path && path.length > 0 ? { responsePath: path.join('.') } : {}) };
  }
}

function isQuery(document: DocumentNode | undefined, query: string | undefined): boolean {
  const operation = document?.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operation) return operation.operation === 'query';
  return query !== undefined && !/^\s*(mutation|subscription)\b/.test(query);
}

/**
 * Codes with which a subgraph says it failed (rather than that it refused the request): a 5xx with
 * one of them, or with no registry code at all, counts against its circuit.
 */
const FAILURE_CODES: ReadonlySet<string> = new Set(['INTERNAL_SERVER_ERROR', 'SUBGRAPH_UNAVAILABLE', 'AUDIT_UNAVAILABLE']);

/**
 * Why a fetch failed: the connection, the deadline, the subgraph's server (a 5xx that refuses
 * nothing), a refusal (a 5xx whose errors all carry a registry code refusing this request:
 * OVERLOADED, RATE_LIMITED, RESULT_TOO_LARGE…), or anything else (a 4xx). In the last two the
 * subgraph judged the request: it is up.
 */
function classify(error: unknown): 'connection' | 'timeout' | 'unavailable' | 'refused' | 'other' {
  const e = error as {
    code?: unknown;
    errno?: unknown;
    name?: unknown;
    type?: unknown;
    extensions?: { response?: { status?: unknown; body?: unknown } };
  };
  if (e.name === 'AbortError' || e.name === 'TimeoutError' || e.type === 'aborted') return 'timeout';
  if ((typeof e.code === 'string' && CONNECTION_FAILURES.has(e.code)) || (typeof e.errno === 'string' && CONNECTION_FAILURES.has(e.errno)))
    return 'connection';
  if (e.type === 'system') return 'connection';
  const status = e.extensions?.response?.status;
  if (typeof status === 'number' && status >= 500) return refusesTheRequest(e.extensions?.response?.body) ? 'refused' : 'unavailable';
  return 'other';
}

function firstError(body: unknown): { message?: unknown; extensions?: { code?: unknown } } | undefined {
  const errors = (body as { errors?: unknown } | null | undefined)?.errors;
  return Array.isArray(errors) ? (errors[0] as { message?: unknown; extensions?: { code?: unknown } } | undefined) : undefined;
}

/** Whether a subgraph's error body refuses the request: it has errors, and each carries a registry code that is no failure. */
function refusesTheRequest(body: unknown): boolean {
  const errors = (body as { errors?: unknown } | null | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return false;
  return errors.every((error) => {
    const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
    return isErrorCode(code) && !FAILURE_CODES.has(code);
  });
}

/**
 * Who a fetch is for, as far as the breaker needs to tell callers apart: an API key, or a token's
 * role and subject. Anonymous callers without a key cannot be told apart: undefined.
 */
function callerIdentity(context: GraphQLDataSourceProcessOptions<GatewayContext>['context']): string | undefined {
  if (!('caller' in context) || !context.caller) return undefined;
  if (context.apiKeyId) return `key:${context.apiKeyId}`;
  return context.caller.sub ? `${context.caller.role}:${context.caller.sub}` : undefined;
}
