import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { codedError, maskUnexpectedErrors, type KeyMaterial } from '@liangling/schema';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import pino, { type Logger } from 'pino';
import { apiKeysOf, type ApiKeyEntry } from './api-keys';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, authenticateRequest, type Authenticated, type AuthOptions } from './auth';
import type { GatewayContext, RequestRecord } from './context';
import { explorerPage } from './explorer';
import { graphiql } from './http/graphiql';
import { HealthMonitor, type ReadinessRule } from './health';
import { httpErrorHandler, sendGraphQLError } from './http-errors';
import { DEFAULT_LIMITS, checkTokens, definedOnly, type OperationLimits } from './limits';
import { loadShedding, type LoadSheddingOptions } from './load-shedding';
import { GatewayMetrics, operationNamesOf, type MetricsOptions } from './metrics';
import { introspectionPlugin } from './plugins/introspection-plugin';
import { DEFAULT_PERSISTED_QUERIES, createPersistedQueryStore, persistedQueriesPlugin, type AutomaticPersistedQueriesOptions } from './plugins/persisted-queries-plugin';
import { operationLimitsPlugin } from './plugins/operation-limits-plugin';
import { privacyPlugin } from './plugins/privacy-plugin';
import { publicResponseCachePlugin } from './plugins/public-response-cache-plugin';
import { requestTelemetryPlugin } from './plugins/request-telemetry-plugin';
import { trustedDocumentsPlugin, type SafelistMode } from './plugins/trusted-documents-plugin';
import { createRateLimiter, type RateLimitOptions } from './rate-limit';
import { createSharedCache } from './shared-cache';
import { SDK_APP, LiveStore } from './live-store';
import { oidcVerifier, type OidcOptions } from './oidc';
import { appDocumentsPlugin, publishHandler, type ServedSchema } from './published-documents';
import { trustedSubgraphError } from './subgraph-errors';
import { SignedSubgraphSource, type SubgraphResilienceOptions } from './subgraph-source';
import { createSubscriptions } from './subscriptions';
import { disableApolloTelemetry } from './no-phone-home';
import { subgraphsOf, watchSupergraph } from './supergraph';
import { startTracing, type TracingOptions } from './tracing';
import { sha256Hex, type TrustedDocuments } from './trusted-documents';

export interface GatewayOptions {
  /** The supergraph to serve: any composed Federation 2 supergraph. */
  readonly supergraphSdl: string;
  /**
   * The file `supergraphSdl` was read from: watched, and served anew when it changes, without
   * dropping requests in flight; a file that fails to load keeps the previous supergraph (`/health`
   * says why). @default none: the supergraph is fixed
   */
  readonly supergraphPath?: string;
  /** How callers' tokens are verified. */
  readonly auth: AuthOptions;
  /** Tokens of a city's OpenID Connect provider, besides HS256 ones signed with `auth.secret`. @default none */
  readonly oidc?: OidcOptions;
  /**
   * Error codes of foreign subgraphs passed to callers as they are, with `serviceName`, rather than
   * masked as INTERNAL_SERVER_ERROR (codes of our registry always pass). @default none
   */
  readonly trustedSubgraphErrorCodes?: readonly string[];
  /** Key (or set of keys by kid: its signing kid signs) of the caller context sent to subgraphs; the subgraphs hold the same. */
  readonly callerKey: KeyMaterial;
  /** Replaces the URL the supergraph gives for a subgraph, by subgraph name. @default {} */
  readonly subgraphUrls?: Readonly<Record<string, string>>;
  /** @default 4000 */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /**
   * Development mode: stack traces in errors, the explorer at `/` and `/explorer`, introspection for
   * anonymous callers, CORS for localhost. @default false
   */
  readonly development?: boolean;
  /** The built GraphiQL bundle (explorer/); without it, no explorer. */
  readonly explorerDir?: string;
  /** Largest request body accepted (a size `bytes` understands, e.g. '1mb'). @default '1mb' */
  readonly bodyLimit?: string;
  /** API keys of third-party apps and partners (`x-api-key`), by their sha256. @default [] */
  readonly apiKeys?: readonly ApiKeyEntry[];
  /** Trusted documents (hash → document) and who is held to them. @default none: hashes of APQ only, no safelist */
  readonly trustedDocuments?: { readonly documents: TrustedDocuments; readonly safelist?: SafelistMode };
  /** Bounds on each operation and on batches. @default {@link DEFAULT_LIMITS} */
  readonly limits?: OperationLimits;
  /** Requests per client per window. @default 1000 per 60 s, in memory */
  readonly rateLimit?: RateLimitOptions;
  /** Past capacity: 503 + Retry-After (OVERLOADED) instead of a growing queue; `false` turns it off. @default loadShedding's defaults */
  readonly loadShedding?: LoadSheddingOptions | false;
  /** Timeouts, retries, pools and circuit breakers of subgraph fetches, for all subgraphs. */
  readonly subgraphDefaults?: SubgraphResilienceOptions;
  /** Per subgraph name, overriding `subgraphDefaults` (e.g. a longer timeout for a slow department). @default {} */
  readonly subgraphOptions?: Readonly<Record<string, SubgraphResilienceOptions>>;
  /** Origins allowed by CORS, or '*'. @default localhost origins in development, none in production */
  readonly corsOrigins?: readonly string[] | '*';
  /** Whether anonymous callers may introspect. @default the value of `development` */
  readonly anonymousIntrospection?: boolean;
  /** Express's `trust proxy`: set it behind a load balancer so the rate limiter sees clients' addresses. @default false */
  readonly trustProxy?: boolean | number | string;
  /** Log level of the JSON logs on stdout, or a pino logger of your own. @default 'info' */
  readonly logger?: Logger | pino.LevelWithSilent;
  /** Prometheus metrics at `/metrics`. @default enabled, with process metrics */
  readonly metrics?: MetricsOptions;
  /** OpenTelemetry traces over OTLP/HTTP. @default off */
  readonly tracing?: TracingOptions;
  /**
   * On stop: how long `/ready` says 503 before the server stops taking requests, so load balancers
   * notice first. @default 0
   */
  readonly shutdownDelayMs?: number;
  /** On stop: how long in-flight requests may take to finish before their connections are closed. @default 10000 */
  readonly drainTimeoutMs?: number;
  /**
   * Reuses whole responses to anonymous callers' queries (PUBLIC data only) for `ttlMs`.
   * @default off (`npm start` and the standalone gateway: 1000 ms, `PUBLIC_CACHE_TTL_MS`)
   */
  readonly publicResponseCache?: { readonly ttlMs: number; readonly maxEntries?: number };
  /**
   * Redis shared by the replicas for what they must agree on beyond rate limits: documents learned
   * through automatic persisted queries, and cached public responses. @default none: each in memory
   */
  readonly sharedCacheRedisUrl?: string;
  /**
   * Which subgraphs must answer for `/ready` to say 200: `any` (one is enough: partial answers are
   * answers), `all`, or a list of names. @default 'any'
   */
  readonly readiness?: ReadinessRule;
  /**
   * Who may read `/health/details` (per subgraph: why down, since when, circuit state; Redis; readiness).
   * @default everyone in development, no one otherwise
   */
  readonly operatorAccess?: (req: Request) => boolean;
  /**
   * The store of keys issued with `npm run apikey` and of documents apps publish
   * (`POST /apps/:app/documents`, `liangling publish`): a SQLite file every replica shares, polled
   * every `pollMs`, so changes are live without a restart. @default none (`npm start`: DATA_DIR/gateway.sqlite)
   */
  readonly store?: { readonly path: string; readonly pollMs?: number };
  /** Automatic persisted queries: who may register documents by hash, and how much is kept. @default registration off */
  readonly automaticPersistedQueries?: AutomaticPersistedQueriesOptions;
  /**
   * Where `/metrics` and the detailed `/health` (each subgraph by name) are served: on a port of their
   * own, and/or on the API port to `Authorization: Bearer <token>`. With neither, only development
   * serves them on the API port; production answers `/health` with its status alone.
   * @default none
   */
  readonly operator?: { readonly port?: number; readonly token?: string };
  /** Longest time to receive a whole request (headers and body); then the connection is closed. @default 30000 */
  readonly requestTimeoutMs?: number;
  /** Longest time to receive a request's headers. @default 10000 */
  readonly headersTimeoutMs?: number;
  /** Longest validity of a caller's token (`exp` − `iat`), unless `auth` says otherwise. @default 86400 */
  readonly maxTokenLifetimeSeconds?: number;
}

export interface RunningGateway {
  readonly url: string;
  /** The operator port's base URL (`/metrics`, `/health`), when `operator.port` is set. */
  readonly operatorUrl?: string;
  /** Stops: `/ready` turns 503, in-flight requests drain, connections and pools close. */
  stop(): Promise<void>;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;
const LOCALHOST_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * Serves a supergraph at `/graphql`, with `/health` reporting each subgraph, `/ready` for load
 * balancers, `/metrics` for Prometheus, and (in development) an offline explorer at `/`.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const development = options.development ?? false;
  const logger = typeof options.logger === 'object' ? options.logger : pino({ level: options.logger ?? 'info', base: { service: 'liangling-gateway' }, timestamp: pino.stdTimeFunctions.isoTime });
  const tracing = startTracing(options.tracing ?? {});
  const metrics =
    options.metrics?.enabled === false
      ? undefined
      : new GatewayMetrics({ operationNames: operationNamesOf(options.trustedDocuments?.documents instanceof Map ? options.trustedDocuments.documents.values() : []), ...options.metrics });
  const limits = { ...DEFAULT_LIMITS, ...definedOnly(options.limits ?? {}) };
  // Redis going away and coming back: one log line and one count each, per component.
  const redisEvent = (component: string) => (event: 'lost' | 'recovered') => {
    metrics?.observeRedisEvent(component, event);
    if (event === 'lost') logger.warn({ event: 'redis_lost', component }, `Redis is not answering (${component}); going on without it`);
    else logger.info({ event: 'redis_recovered', component }, `Redis answers again (${component})`);
  };
  const rateLimiter = createRateLimiter({ ...options.rateLimit, onRedisEvent: redisEvent('rate-limit') });
  const shedder =
    options.loadShedding === false
      ? undefined
      : loadShedding(options.loadShedding ?? {}, (res, retryAfter) => {
          res.setHeader('retry-after', String(retryAfter));
          refuse(res, res.locals['record'] as RequestRecord, codedError('OVERLOADED', `The gateway is at capacity; try again in ${retryAfter} s.`, { retryAfter }));
        });
  const redisUrl = options.sharedCacheRedisUrl;
  const apq = { ...DEFAULT_PERSISTED_QUERIES, ...definedOnly(options.automaticPersistedQueries ?? {}) };
  const persistedQueryCache = createPersistedQueryStore(apq, redisUrl);
  const responseCache = options.publicResponseCache
    ? createSharedCache({ keyPrefix: 'liangling:public:', maxEntries: options.publicResponseCache.maxEntries ?? 1000, ...(redisUrl ? { redisUrl } : {}), onRedisEvent: redisEvent('public-cache') })
    : undefined;
  const live = options.store ? new LiveStore({ path: options.store.path, logger, ...(options.store.pollMs ? { pollMs: options.store.pollMs } : {}) }) : undefined;
  const configuredKeys = apiKeysOf(options.apiKeys ?? []);
  const auth: AuthOptions = {
    ...options.auth,
    maxTokenLifetimeSeconds: options.auth.maxTokenLifetimeSeconds ?? options.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
    apiKeys: live ? { get: (sha256) => configuredKeys.get(sha256) ?? live.apiKey(sha256) } : configuredKeys,
    ...(options.oidc ? { oidc: oidcVerifier(options.oidc) } : {}),
  };
  const served: ServedSchema = { policies: new Map() };
  let trustedDocuments = options.trustedDocuments;
  if (live) {
    // The SDK's own operations are one more app, published again at each start under their content's hash.
    const manifest = options.trustedDocuments?.documents;
    if (manifest instanceof Map && manifest.size > 0) live.store.publish(SDK_APP, sha256Hex([...manifest.keys()].sort().join('\n')).slice(0, 12), manifest);
    live.refresh();
    const fixed = options.trustedDocuments?.documents;
    trustedDocuments = {
      documents: { get: (hash) => fixed?.get(hash) ?? live.document(hash), has: (hash) => (fixed?.has(hash) ?? false) || live.document(hash) !== undefined },
      safelist: options.trustedDocuments?.safelist ?? 'api-keys',
    };
  }

  const overrides = options.subgraphUrls ?? {};
  const endpointsOf = (sdl: string) => subgraphsOf(sdl).map(({ name, url }) => ({ name, url: overrides[name] ?? url }));
  let subgraphs = endpointsOf(options.supergraphSdl);
  const watcher = options.supergraphPath
    ? watchSupergraph({ path: options.supergraphPath, initialSdl: options.supergraphSdl, logger, onLoad: (sdl) => void (subgraphs = endpointsOf(sdl)) })
    : undefined;
  const sources = new Map<string, SignedSubgraphSource>();
  const apolloLogger = logger.child({ component: 'apollo' });
  disableApolloTelemetry();
  const gateway = new ApolloGateway({
    supergraphSdl: watcher ? watcher.hook : options.supergraphSdl,
    logger: apolloLogger,
    buildService: ({ name, url }) => {
      const resilience = { ...options.subgraphDefaults, ...options.subgraphOptions?.[name] };
      const onStateChange = (state: 'open' | 'closed') => {
        metrics?.observeCircuitChange(name, state);
        if (state === 'open') logger.warn({ event: 'circuit_open', subgraph: name }, `circuit of ${name} opened: its fetches fail fast until a trial succeeds`);
        else logger.info({ event: 'circuit_closed', subgraph: name }, `circuit of ${name} closed: it answers again`);
      };
      const source = new SignedSubgraphSource(
        overrides[name] ?? url ?? '',
        options.callerKey,
        name,
        { ...resilience, circuitBreaker: { ...resilience.circuitBreaker, onStateChange } },
        metrics ? (fetch) => metrics.observeFetch(fetch) : undefined,
      );
      sources.set(name, source);
      return source;
    },
  });

  // Subscriptions (`/graphql/stream`): subgraphs stream entity keys, the gateway runs each client's selection per event.
  const subscriptions = createSubscriptions({
    supergraphSdl: options.supergraphSdl,
    subgraphUrls: Object.fromEntries(subgraphs.map(({ name, url }) => [name, url])),
    callerKey: options.callerKey,
    logger,
    ...(options.trustedDocuments?.documents instanceof Map
      ? { trustedDocuments: { documents: options.trustedDocuments.documents, ...(options.trustedDocuments.safelist ? { safelist: options.trustedDocuments.safelist } : {}) } }
      : {}),
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  // A slow client may hold a connection this long at most (Node's default is 300 s for the body),
  // checked every second rather than Node's 30 s.
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const httpServer = createServer({ requestTimeout, headersTimeout: Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout), connectionsCheckingInterval: 1000 }, app);
  app.use(securityHeaders);
  const trustedCodes = new Set(options.trustedSubgraphErrorCodes ?? []);
  const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const trusted = trustedCodes.size > 0 ? trustedSubgraphError(formatted, trustedCodes, development) : undefined;
    if (trusted) return trusted;
    const masked = maskUnexpectedErrors(formatted);
    // The caller sees a code; the operator sees what happened, under the request's log line.
    if (masked !== formatted) logger.error({ err: error }, 'unexpected error');
    // A subgraph's own stack trace arrives as an extension: in production it never leaves.
    if (!development && masked.extensions?.['stacktrace'] !== undefined) {
      const { stacktrace: _stacktrace, ...extensions } = masked.extensions;
      return { ...masked, extensions };
    }
    return masked;
  };
  const server = new ApolloServer<GatewayContext>({
    gateway,
    logger: apolloLogger,
    includeStacktraceInErrorResponses: development,
    formatError,
    csrfPrevention: true,
    // Contracts answer introspection per caller (privacy plugin); the introspection plugin decides who may.
    introspection: true,
    // Documents learned by hash, shared by the replicas when Redis is configured.
    persistedQueries: { cache: persistedQueryCache, ttl: apq.ttlSeconds },
    allowBatchedHttpRequests: limits.maxBatchSize > 0,
    // The gateway's own stop() drains: `/ready` must turn first.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.drainTimeoutMs ?? 10_000 }),
      ApolloServerPluginLandingPageDisabled(),
      ...(trustedDocuments ? [trustedDocumentsPlugin(trustedWithEventQueries(trustedDocuments, subscriptions.trustedDocuments))] : []),
      ...(live ? [appDocumentsPlugin(live, served, trustedDocuments?.safelist ?? 'api-keys', (hash) => subscriptions.trustedDocuments?.has(hash) ?? false)] : []),
      persistedQueriesPlugin(apq, trustedDocuments?.documents),
      introspectionPlugin({ allowAnonymous: options.anonymousIntrospection ?? development }),
      operationLimitsPlugin(limits),
      privacyPlugin(),
      // After the privacy plugin: contracts, the pre-check and introspection answers come first.
      ...(options.publicResponseCache && responseCache ? [publicResponseCachePlugin({ ttlMs: options.publicResponseCache.ttlMs, cache: responseCache })] : []),
      requestTelemetryPlugin(),
      subscriptions.plugin,
    ],
  });
  await server.start();
  if (rateLimiter && !(await rateLimiter.ready())) logger.warn('rate limits: Redis is not answering; counting in memory until it does');
  let ready = true;
  const health = new HealthMonitor(subgraphs, {
    ...(options.readiness ? { readiness: options.readiness } : {}),
    circuitOf: (name) => sources.get(name)?.breaker.state,
    stores: () => ({ 'rate-limit': rateLimiter?.store() ?? 'none', 'persisted-queries': persistedQueryCache.store(), ...(responseCache ? { 'public-cache': responseCache.store() } : {}) }),
  });
  await health.start();

  const corsOrigins = options.corsOrigins ?? (development ? 'localhost' : []);
  const cors: RequestHandler = (req, res, next) => {
    const origin = req.header('origin');
    const allowed = origin !== undefined && (corsOrigins === '*' || (corsOrigins === 'localhost' ? LOCALHOST_ORIGIN.test(origin) : corsOrigins.includes(origin)));
    if (allowed) {
      res.setHeader('access-control-allow-origin', corsOrigins === '*' ? '*' : origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-expose-headers', 'x-request-id, retry-after');
    }
    if (req.method === 'OPTIONS') {
      if (allowed) {
        res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
        res.setHeader('access-control-allow-headers', 'authorization, content-type, x-api-key, x-request-id, x-liangling-purpose, apollo-require-preflight');
        res.setHeader('access-control-max-age', '600');
      }
      res.status(204).end();
      return;
    }
    next();
  };

  /** One record per request; logged and counted when the response has gone. */
  const track: RequestHandler = (req, res, next) => {
    const header = req.header('x-request-id');
    const record: RequestRecord = {
      requestId: header && REQUEST_ID.test(header) ? header : randomUUID(),
      gatewayRequestId: randomUUID(),
      startedAt: process.hrtime.bigint(),
      errorCodes: [],
      deniedFields: [],
      operations: 1,
    };
    res.locals['record'] = record;
    res.setHeader('x-request-id', record.requestId);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - record.startedAt) / 1e9;
      metrics?.observeRequest(record, res.statusCode, seconds);
      // Never the token, the key or any value: who (by role), what (by name), how it went.
      logger.info(
        {
          requestId: record.requestId,
          operationName: record.operationName ?? null,
          operationType: record.operationType ?? null,
          operations: record.operations,
          role: record.role ?? null,
          apiKeyId: record.apiKeyId ?? null,
          status: res.statusCode,
          durationMs: Math.round(seconds * 1e4) / 10,
          errorCodes: record.errorCodes,
        },
        'request',
      );
    });
    next();
  };

  /** Batches and token counts, refused before anything is parsed. */
  const guard: RequestHandler = (req, res, next) => {
    const record = res.locals['record'] as RequestRecord;
    const body: unknown = req.method === 'GET' ? req.query : req.body;
    const operations = Array.isArray(body) ? body : [body];
    record.operations = operations.length;
    if (Array.isArray(body) && (body.length > limits.maxBatchSize || body.length === 0)) {
      const message = limits.maxBatchSize === 0 ? 'Batched requests are not accepted.' : `A batch may hold 1 to ${limits.maxBatchSize} operations; this one has ${body.length}.`;
      return refuse(res, record, codedError('BATCH_LIMIT_EXCEEDED', message, { limit: limits.maxBatchSize, actual: body.length }));
    }
    for (const operation of operations) {
      const query = (operation as { query?: unknown } | null)?.query;
      const persisted = persistedQueryError(operation, query);
      if (persisted) return refuse(res, record, persisted);
      if (typeof query !== 'string') continue;
      const tokens = checkTokens(query, limits);
      if (!tokens.ok) return refuse(res, record, codedError(tokens.code, tokens.message, { limit: tokens.limit }));
    }
    next();
  };

  /** Credentials checked once per HTTP request; the context hands the result (or its error) to Apollo Server. */
  const authenticateHttp: RequestHandler = (req, res, next) => {
    const record = res.locals['record'] as RequestRecord;
    authenticateRequest({ authorization: req.header('authorization'), apiKey: req.header('x-api-key'), purpose: req.header('x-liangling-purpose') }, auth).then(
      (authenticated) => {
        res.locals['auth'] = authenticated;
        record.role = authenticated.caller.role;
        if (authenticated.apiKeyId) record.apiKeyId = authenticated.apiKeyId;
        next();
      },
      (error: unknown) => {
        res.locals['authError'] = error;
        // Logged and counted under its own code: a refused purpose (PURPOSE_NOT_ALLOWED) is not a bad credential.
        const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
        record.errorCodes.push(typeof code === 'string' ? code : 'UNAUTHENTICATED');
        next();
      },
    );
  };

  const rateLimit: RequestHandler = (req, res, next) => {
    if (!rateLimiter) return next();
    const record = res.locals['record'] as RequestRecord;
    const authenticated = res.locals['auth'] as Authenticated | undefined;
    const [kind, key] = authenticated?.apiKeyId
      ? ['api_key', `key:${authenticated.apiKeyId}`]
      : authenticated?.caller.sub
        ? ['subject', `sub:${authenticated.caller.role}:${authenticated.caller.sub}`]
        : ['address', `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`];
    rateLimiter.consume(key, record.operations).then((decision) => {
      if (decision.allowed) return next();
      metrics?.observeRateLimited(kind);
      res.setHeader('retry-after', String(decision.retryAfterSeconds));
      refuse(res, record, codedError('RATE_LIMITED', `Too many requests; try again in ${decision.retryAfterSeconds} s.`, { retryAfter: decision.retryAfterSeconds }));
    }, next);
  };

  // The operator's pages name subgraphs, clients' operations and denied fields: not for everyone.
  const operatorToken = options.operator?.token;
  const operatorOnApiPort = development && options.operator?.port === undefined && operatorToken === undefined;
  const operatorMay = (req: Request): boolean => operatorOnApiPort || (operatorToken !== undefined && bearerEquals(req.header('authorization'), operatorToken));
  const healthPage =
    (detailed: (req: Request) => boolean): RequestHandler =>
    async (req, res) => {
      const report = await health.report();
      res.status(report.status === 'ok' ? 200 : 503).json(detailed(req) ? (watcher ? { ...report, supergraph: watcher.status() } : report) : { status: report.status });
    };
  const metricsPage =
    (allowed: (req: Request) => boolean): RequestHandler =>
    async (req, res, next) => {
      if (!metrics || !allowed(req)) return next();
      res.setHeader('content-type', metrics.registry.contentType);
      res.send(await metrics.registry.metrics());
    };
  app.get('/health', healthPage(operatorMay));
  // For operators: per subgraph why down, since when, circuit state; Redis; readiness.
  app.get('/health/details', async (req, res) => {
    if (!operatorMay(req) && !options.operatorAccess?.(req)) {
      res.status(404).end();
      return;
    }
    const details = await health.details(!ready);
    res.status(details.status === 'ok' ? 200 : 503).json(details);
  });
  // Whether this replica can serve: not draining, and its subgraphs answering (from the background
  // probe, so load balancers polling it cost the departments nothing).
  app.get('/ready', (_req, res) => {
    const readiness = health.readiness(!ready);
    res.status(readiness.ready ? 200 : 503).json(readiness.ready ? { ready: true } : { ready: false, reason: readiness.reason });
  });
  // Liveness: the process answers. Not `/health`, which turns 503 when a subgraph is down: restarting
  // gateways cannot bring a subgraph back.
  app.get('/live', (_req, res) => {
    res.json({ live: true });
  });
  app.get('/metrics', metricsPage(operatorMay));
  if (development && options.explorerDir) app.use(graphiql({ assetsDir: options.explorerDir }));
  else if (development) {
    const page = explorerPage('/graphql');
    app.get(['/', '/explorer'], (_req, res) => {
      res.type('html').send(page);
    });
  }
  // Before `/graphql`, whose mount would take this path too.
  app.use('/graphql/stream', track, cors, express.json({ limit: options.bodyLimit ?? '1mb' }), guard, authenticateHttp, rateLimit, subscriptions.handler(server));
  if (live) app.post('/apps/:app/documents', track, express.json({ limit: '5mb' }), publishHandler(live, served, logger));
  app.use(
    '/graphql',
    track,
    cors,
    ...(shedder ? [shedder.middleware] : []),
    express.json({ limit: options.bodyLimit ?? '1mb' }),
    guard,
    authenticateHttp,
    rateLimit,
    expressMiddleware(server, {
      context: async ({ res }) => {
        if (res.locals['authError']) throw res.locals['authError'];
        const authenticated = res.locals['auth'] as Authenticated;
        const record = res.locals['record'] as RequestRecord;
        return { caller: authenticated.caller, requestId: record.requestId, record, ...(authenticated.apiKeyId ? { apiKeyId: authenticated.apiKeyId } : {}) };
      },
    }),
  );
  app.use(httpErrorHandler);

  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 4000, options.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  let operatorServer: Server | undefined;
  if (options.operator?.port !== undefined) {
    const operatorApp = express();
    operatorApp.disable('x-powered-by');
    operatorApp.use(securityHeaders);
    operatorApp.get('/health', healthPage(() => true));
    operatorApp.get('/metrics', metricsPage(() => true));
    const server = createServer(operatorApp);
    operatorServer = server;
    await new Promise<void>((resolve) => server.listen(options.operator?.port, options.host ?? '127.0.0.1', resolve));
  }
  const operatorPort = (operatorServer?.address() as AddressInfo | undefined)?.port;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    ...(operatorPort !== undefined ? { operatorUrl: `http://127.0.0.1:${operatorPort}` } : {}),
    stop: () =>
      (stopping ??= (async () => {
        ready = false;
        if (options.shutdownDelayMs) await delay(options.shutdownDelayMs);
        subscriptions.close();
        await server.stop();
        health.stop();
        await new Promise((resolve) => (operatorServer ? operatorServer.close(resolve) : resolve(undefined)));
        for (const source of sources.values()) source.close();
        live?.close();
        await rateLimiter?.close();
        await Promise.allSettled([persistedQueryCache.close(), responseCache?.close()]);
        await tracing?.shutdown();
      })()),
  };
}

/** Ends a request with one coded GraphQL error, before Apollo Server sees it. */
function refuse(res: Response, record: RequestRecord, error: ReturnType<typeof codedError>): void {
  record.errorCodes.push(String(error.extensions['code']));
  sendGraphQLError(res, error);
}

/** Headers every response carries: no sniffing, no framing, no referrer, nothing loaded by a page of ours but itself. */
const securityHeaders: RequestHandler = (req, res, next) => {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  // The development explorer is one page with its own inline script and style; everything else is data.
  const page = req.method === 'GET' && (req.path === '/' || req.path === '/explorer');
  res.setHeader('content-security-policy', page ? "default-src 'self'; script-src 'unsafe-inline' 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'" : "default-src 'none'; frame-ancestors 'none'");
  next();
};

/** A persisted-query extension that is not Apollo's version 1 with a sha256, or whose hash is not its document's. */
function persistedQueryError(operation: unknown, query: unknown): ReturnType<typeof codedError> | undefined {
  let extensions = (operation as { extensions?: unknown } | null)?.extensions;
  if (typeof extensions === 'string') {
    try {
      extensions = JSON.parse(extensions) as unknown; // a GET request's `extensions` parameter
    } catch {
      return undefined; // Apollo Server answers a malformed parameter itself
    }
  }
  const persisted = typeof extensions === 'object' && extensions !== null ? (extensions as Record<string, unknown>)['persistedQuery'] : undefined;
  if (persisted === undefined) return undefined;
  const { version, sha256Hash } = (persisted ?? {}) as { version?: unknown; sha256Hash?: unknown };
  if (version !== 1 || typeof sha256Hash !== 'string' || !/^[0-9a-f]{64}$/.test(sha256Hash)) {
    return codedError('BAD_REQUEST', 'extensions.persistedQuery must be { "version": 1, "sha256Hash": "<64 hex digits>" }.');
  }
  if (typeof query === 'string' && sha256Hex(query) !== sha256Hash) return codedError('BAD_REQUEST', 'extensions.persistedQuery.sha256Hash is not the sha256 of the query sent with it.');
  return undefined;
}

/** Compares a bearer credential in constant time. */
function bearerEquals(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return false;
  const [given, expected] = [Buffer.from(sha256Hex(match[1])), Buffer.from(sha256Hex(token))];
  return timingSafeEqual(given, expected);
}

/** The trusted documents with the per-event queries of trusted subscriptions, which are trusted with them. */
function trustedWithEventQueries<T extends { readonly documents: TrustedDocuments }>(trusted: T, eventQueries: ReadonlyMap<string, string> | undefined): T {
  if (!eventQueries) return trusted;
  const { documents } = trusted;
  return { ...trusted, documents: { get: (hash: string) => eventQueries.get(hash) ?? documents.get(hash), has: (hash: string) => eventQueries.has(hash) || documents.has(hash) } };
}
