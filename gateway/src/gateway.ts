import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { KeyMaterial } from '@liangling/schema';
import express, { type Request } from 'express';
import pino, { type Logger } from 'pino';
import { apiKeysOf, type ApiKeyEntry } from './api-keys';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, type AuthOptions } from './auth';
import type { GatewayContext } from './context';
import { createFederation } from './federation';
import { formatErrors } from './format-error';
import { HealthMonitor, type ReadinessRule } from './health-monitor';
import { resolveCaller } from './http/auth';
import { bodyLimit } from './http/body-limit';
import { cors } from './http/cors';
import { publishDocuments } from './http/documents';
import { httpErrors } from './http/errors';
import { explorer, staffCredentials } from './http/explorer';
import { graphqlEndpoint } from './http/graphql';
import { healthRoutes } from './http/health';
import { loadShedding, type LoadSheddingOptions } from './http/load-shedding';
import { metricsEndpoint } from './http/metrics';
import { operatorAccess, startOperatorServer } from './http/operator';
import { rateLimiting } from './http/rate-limit';
import { requestGuard } from './http/request-guard';
import { requestRecord } from './http/request-record';
import { securityHeaders } from './http/security-headers';
import { serverTimeouts } from './http/timeouts';
import { DEFAULT_LIMITS, definedOnly, type OperationLimits } from './limits';
import { LiveStore, withPublishedDocuments } from './live-store';
import { GatewayMetrics, operationNamesOf, type MetricsOptions } from './metrics';
import { oidcVerifier, type OidcOptions } from './oidc';
import { appDocumentsPlugin, type ServedSchema } from './plugins/app-documents-plugin';
import { introspectionPlugin } from './plugins/introspection-plugin';
import { operationLimitsPlugin } from './plugins/operation-limits-plugin';
import { ExpensiveLane, type ExpensiveLaneOptions } from './expensive-lane';
import {
  DEFAULT_PERSISTED_QUERIES,
  createPersistedQueryStore,
  persistedQueriesPlugin,
  type AutomaticPersistedQueriesOptions,
} from './plugins/persisted-queries-plugin';
import { privacyPlugin } from './plugins/privacy-plugin';
import { publicResponseCachePlugin } from './plugins/public-response-cache-plugin';
import { requestTelemetryPlugin } from './plugins/request-telemetry-plugin';
import { trustedDocumentsPlugin, type SafelistMode } from './plugins/trusted-documents-plugin';
import { createRateLimiter, type RateLimitOptions } from './rate-limit';
import { reportRedisEvents } from './redis-watch';
import { createSharedCache } from './shared-cache';
import type { SubgraphResilienceOptions } from './subgraph-source';
import { createSubscriptions } from './subscriptions';
import { startTracing, type TracingOptions } from './tracing';
import { trustedWithEventQueries, type TrustedDocuments } from './trusted-documents';

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
   * Development mode: stack traces in errors, the explorer for everyone, introspection for
   * anonymous callers, CORS for localhost. @default false
   */
  readonly development?: boolean;
  /**
   * GraphiQL at `/` and `/explorer`, from a bundle built by `npm run build:explorer -- <folder>`
   * (`npm start` builds one in DATA_DIR). In development everyone gets it; in production only with
   * `staff: true`, and then only requests carrying a staff member's token. @default none: no explorer
   */
  readonly explorer?: { readonly assetsDir: string; readonly staff?: boolean };
  /** Largest request body accepted (a size `bytes` understands, e.g. '1mb'). @default '1mb' */
  readonly bodyLimit?: string;
  /** API keys of third-party apps and partners (`x-api-key`), by their sha256. @default [] */
  readonly apiKeys?: readonly ApiKeyEntry[];
  /** Trusted documents (hash → document) and who is held to them. @default none: hashes of APQ only, no safelist */
  readonly trustedDocuments?: { readonly documents: TrustedDocuments; readonly safelist?: SafelistMode };
  /** Bounds on each operation and on batches. @default {@link DEFAULT_LIMITS} */
  readonly limits?: OperationLimits;
  /**
   * Expensive operations (estimated at `cost` or more) run a few at a time and wait their turn, so
   * that many heavy pages at once cannot starve everyone's light ones. Off unless given: estimates
   * assume every list full, so busy real pages would queue too (BENCHMARKS.md); what one request
   * really reads is bounded at the source. @default none (no lane)
   */
  readonly expensiveLane?: ExpensiveLaneOptions | false;
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
   * (`POST /apps/:app/documents`, `liangling publish`), every replica shares, polled every `pollMs`,
   * so changes are live without a restart: `path` is a SQLite file, or a `postgresql://` URL. @default none (`npm start`: DATA_DIR/gateway.sqlite)
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

/**
 * Serves a supergraph at `/graphql`, with `/health` reporting each subgraph, `/ready` for load
 * balancers, `/metrics` for Prometheus, and (in development) an offline explorer at `/`.
 *
 * Two pipelines, each an ordered list of named factories: the HTTP one (express middleware under
 * `http/`) decides what reaches GraphQL at all, the GraphQL one (Apollo Server plugins under
 * `plugins/`) decides what an operation may do.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const development = options.development ?? false;
  const host = options.host ?? '127.0.0.1';
  const logger =
    typeof options.logger === 'object'
      ? options.logger
      : pino(
          { level: options.logger ?? 'info', base: { service: 'liangling-gateway' }, timestamp: pino.stdTimeFunctions.isoTime },
          // A line per request: written asynchronously (sonic-boom buffers while a write is pending), not
          // one blocking write(2) per request on the event loop; pino flushes what is left on exit.
          pino.destination({ dest: 1, sync: false }),
        );
  const apolloLogger = logger.child({ component: 'apollo' });
  const tracing = startTracing(options.tracing ?? {});
  const metrics =
    options.metrics?.enabled === false
      ? undefined
      : new GatewayMetrics({
          operationNames: operationNamesOf(
            options.trustedDocuments?.documents instanceof Map ? options.trustedDocuments.documents.values() : [],
          ),
          ...options.metrics,
        });
  const limits = { ...DEFAULT_LIMITS, ...definedOnly(options.limits ?? {}) };
  const redisEvents = reportRedisEvents(logger, metrics);
  const rateLimiter = createRateLimiter({ ...options.rateLimit, onRedisEvent: redisEvents('rate-limit') });
  const shedder = options.loadShedding === false ? undefined : loadShedding(options.loadShedding ?? {});
  const redisUrl = options.sharedCacheRedisUrl;
  const apq = { ...DEFAULT_PERSISTED_QUERIES, ...definedOnly(options.automaticPersistedQueries ?? {}) };
  const persistedQueryCache = createPersistedQueryStore(apq, redisUrl);
  const responseCache = options.publicResponseCache
    ? createSharedCache({
        keyPrefix: 'liangling:public:',
        maxEntries: options.publicResponseCache.maxEntries ?? 1000,
        ...(redisUrl ? { redisUrl } : {}),
        onRedisEvent: redisEvents('public-cache'),
      })
    : undefined;
  const live = options.store
    ? await LiveStore.open({ path: options.store.path, logger, ...(options.store.pollMs ? { pollMs: options.store.pollMs } : {}) })
    : undefined;
  const configuredKeys = apiKeysOf(options.apiKeys ?? []);
  const auth: AuthOptions = {
    ...options.auth,
    maxTokenLifetimeSeconds: options.auth.maxTokenLifetimeSeconds ?? options.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
    apiKeys: live ? { get: (sha256) => configuredKeys.get(sha256) ?? live.apiKey(sha256) } : configuredKeys,
    ...(options.oidc ? { oidc: oidcVerifier(options.oidc) } : {}),
  };
  const served: ServedSchema = { policies: new Map() };
  const trustedDocuments = live ? await withPublishedDocuments(live, options.trustedDocuments) : options.trustedDocuments;
  const federation = createFederation({ ...options, logger, apolloLogger, metrics });
  const subgraphs = federation.subgraphs();
  // Subscriptions (`/graphql/stream`): subgraphs stream entity keys, the gateway runs each client's selection per event.
  const subscriptions = createSubscriptions({
    supergraphSdl: options.supergraphSdl,
    subgraphUrls: Object.fromEntries(subgraphs.map(({ name, url }) => [name, url])),
    callerKey: options.callerKey,
    logger,
    ...(options.trustedDocuments?.documents instanceof Map
      ? {
          trustedDocuments: {
            documents: options.trustedDocuments.documents,
            ...(options.trustedDocuments.safelist ? { safelist: options.trustedDocuments.safelist } : {}),
          },
        }
      : {}),
    ...(live
      ? { published: { get: (hash: string) => live.document(hash), mayRun: (keyId: string, hash: string) => live.mayRun(keyId, hash) } }
      : {}),
  });

  const app = express();
  const httpServer = createServer(serverTimeouts(options), app);
  const server = new ApolloServer<GatewayContext>({
    gateway: federation.gateway,
    logger: apolloLogger,
    includeStacktraceInErrorResponses: development,
    formatError: formatErrors({ ...options, development, logger }),
    csrfPrevention: true,
    // Contracts answer introspection per caller (privacy plugin); the introspection plugin decides who may.
    introspection: true,
    // Documents learned by hash, shared by the replicas when Redis is configured.
    persistedQueries: { cache: persistedQueryCache, ttl: apq.ttlSeconds },
    allowBatchedHttpRequests: limits.maxBatchSize > 0,
    // The gateway's own stop() drains: `/ready` must turn first.
    stopOnTerminationSignals: false,
    // The GraphQL pipeline, in order.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.drainTimeoutMs ?? 10_000 }),
      ApolloServerPluginLandingPageDisabled(),
      ...(trustedDocuments ? [trustedDocumentsPlugin(trustedWithEventQueries(trustedDocuments, subscriptions.trustedDocuments))] : []),
      ...(live
        ? [
            appDocumentsPlugin({
              live,
              served,
              safelist: trustedDocuments?.safelist ?? 'api-keys',
              derived: (hash) => subscriptions.trustedDocuments?.has(hash) ?? false,
            }),
          ]
        : []),
      persistedQueriesPlugin(apq, trustedDocuments?.documents),
      introspectionPlugin({ allowAnonymous: options.anonymousIntrospection ?? development }),
      operationLimitsPlugin({
        ...limits,
        expensiveLane: options.expensiveLane ? new ExpensiveLane(options.expensiveLane) : false,
      }),
      privacyPlugin(),
      // After the privacy plugin: contracts, the pre-check and introspection answers come first.
      ...(options.publicResponseCache && responseCache
        ? [publicResponseCachePlugin({ ttlMs: options.publicResponseCache.ttlMs, cache: responseCache })]
        : []),
      requestTelemetryPlugin(),
      subscriptions.plugin,
    ],
  });
  await server.start();
  if (rateLimiter && !(await rateLimiter.ready())) logger.warn('rate limits: Redis is not answering; counting in memory until it does');
  let ready = true;
  const health = new HealthMonitor(subgraphs, {
    ...(options.readiness ? { readiness: options.readiness } : {}),
    circuitOf: (name) => federation.sources.get(name)?.breaker.state,
    stores: () => ({
      'rate-limit': rateLimiter?.store() ?? 'none',
      'persisted-queries': persistedQueryCache.store(),
      ...(responseCache ? { 'public-cache': responseCache.store() } : {}),
    }),
  });
  await health.start();

  // The HTTP pipeline, in order.
  const operatorMay = operatorAccess({ development, ...(options.operator ? { operator: options.operator } : {}) });
  const supergraph = federation.supergraphStatus ? { supergraph: federation.supergraphStatus } : {};
  const track = requestRecord({ logger, ...(metrics ? { metrics } : {}) });
  const allowOrigins = cors({ origins: options.corsOrigins ?? (development ? 'localhost' : []) });
  const json = bodyLimit(options.bodyLimit !== undefined ? { limit: options.bodyLimit } : {});
  const callerChecks = [
    requestGuard({ limits }),
    resolveCaller({ auth }),
    rateLimiting({ ...(rateLimiter ? { limiter: rateLimiter } : {}), ...(metrics ? { metrics } : {}) }),
  ];
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(securityHeaders());
  app.use(
    healthRoutes({
      health,
      detailed: operatorMay,
      mayReadDetails: (req) => operatorMay(req) || (options.operatorAccess?.(req) ?? false),
      draining: () => !ready,
      ...supergraph,
    }),
  );
  app.get('/metrics', metricsEndpoint({ ...(metrics ? { metrics } : {}), allowed: operatorMay }));
  if (options.explorer && (development || options.explorer.staff)) {
    const access = development ? 'everyone' : 'staff';
    app.use(explorer({ assetsDir: options.explorer.assetsDir, endpoint: '/graphql', access, isStaff: staffCredentials(auth) }));
  }
  // Before `/graphql`, whose mount would take this path too.
  app.use('/graphql/stream', track, allowOrigins, json, ...callerChecks, subscriptions.handler(server));
  if (live) app.post('/apps/:app/documents', track, bodyLimit({ limit: '5mb' }), publishDocuments({ live, served, logger }));
  app.use('/graphql', track, allowOrigins, ...(shedder ? [shedder.middleware] : []), json, ...callerChecks, graphqlEndpoint(server));
  app.use(httpErrors());

  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 4000, host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const operatorServer: Server | undefined =
    options.operator?.port !== undefined
      ? await startOperatorServer({ port: options.operator.port, host, health, ...(metrics ? { metrics } : {}), ...supergraph })
      : undefined;
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
        for (const source of federation.sources.values()) source.close();
        await live?.close();
        await rateLimiter?.close();
        await Promise.allSettled([persistedQueryCache.close(), responseCache?.close()]);
        await tracing?.shutdown();
      })()),
  };
}
