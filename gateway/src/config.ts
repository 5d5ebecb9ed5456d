import { existsSync, readFileSync } from 'node:fs';
import { KEY_VARIABLES, keysFromVariables, type KeyMaterial, type KeyName, type KeyVariables } from '@liangling/schema';
import { z } from 'zod';
import { loadApiKeysFile, parseApiKeys, type ApiKeyEntry } from './api-keys';
import type { GatewayOptions } from './gateway';
import type { ClaimsMapping, OidcOptions } from './oidc';
import { unsafeSecretReason } from './secrets';
import { loadTrustedDocuments } from './trusted-documents';

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/**
 * The gateway's operational settings, the same for the standalone gateway and `npm start`. Every one
 * has a default that works on a fresh machine; README "Operating the gateway" lists them.
 */
const Operations = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)?$/i, 'a size such as 1mb or 512kb')
    .default('1mb'),
  /** Comma-separated origins, or `*`; unset: localhost in development, none in production. */
  CORS_ORIGINS: z.string().optional(),
  TRUSTED_DOCUMENTS: z.string().optional(),
  SAFELIST: z.enum(['off', 'api-keys', 'all']).default('api-keys'),
  API_KEYS: z.string().optional(),
  API_KEYS_FILE: z.string().optional(),
  MAX_DEPTH: int(15, 1),
  MAX_ALIASES: int(30),
  MAX_ROOT_FIELDS: int(20, 1),
  MAX_TOKENS: int(5000, 1),
  MAX_COST: int(10_000, 1),
  DEFAULT_LIST_SIZE: int(10, 1),
  MAX_BATCH_SIZE: int(10),
  /** Operations estimated at this cost or more wait their turn in the expensive lane; 0 (the default): no lane. */
  EXPENSIVE_COST: int(0),
  EXPENSIVE_CONCURRENCY: int(1, 1),
  EXPENSIVE_QUEUE: int(8),
  EXPENSIVE_WAIT_MS: int(10_000, 1),
  RATE_LIMIT_POINTS: int(1000),
  RATE_LIMIT_WINDOW_SECONDS: int(60, 1),
  REDIS_URL: z.string().url().optional(),
  SUBGRAPH_TIMEOUT_MS: int(10_000, 1),
  /** Per subgraph: `name=ms,name=ms`. */
  SUBGRAPH_TIMEOUTS: z.string().default(''),
  SUBGRAPH_RETRIES: int(2),
  SUBGRAPH_MAX_SOCKETS: int(64, 1),
  /** Per subgraph: fetches at once, fetches waiting for a place, and how long; past them OVERLOADED. */
  SUBGRAPH_MAX_IN_FLIGHT: int(32, 1),
  SUBGRAPH_MAX_QUEUED: int(64),
  SUBGRAPH_QUEUE_WAIT_MS: int(500, 1),
  CIRCUIT_FAILURE_THRESHOLD: int(5, 1),
  CIRCUIT_COOLDOWN_MS: int(10_000, 1),
  ANONYMOUS_INTROSPECTION: flag.optional(),
  TRUST_PROXY: z.string().optional(),
  METRICS: flag.default(true),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_SERVICE_NAME: z.string().default('liangling-gateway'),
  SHUTDOWN_DELAY_MS: int(0),
  DRAIN_TIMEOUT_MS: int(10_000),
  /** How long whole responses to anonymous callers (public contract, queries) are reused; 0 turns it off. */
  PUBLIC_CACHE_TTL_MS: int(1000),
  /** Which subgraphs `/ready` needs answering: `any`, `all`, or names `residents,audit`. */
  READY_SUBGRAPHS: z
    .string()
    .regex(/^(any|all|[\w-]+(,[\w-]+)*)$/, 'any, all, or subgraph names: residents,audit')
    .default('any'),
  /** Issued keys and published documents, shared by the replicas: a SQLite file, a `postgresql://` URL, or `off` for none. */
  GATEWAY_STORE: z.string().optional(),
  /** How often each replica checks the store for new keys and documents. */
  STORE_POLL_MS: int(1000, 50),
  /** An OpenID Connect provider's key set (its `jwks_uri`); with OIDC_ISSUER and OIDC_AUDIENCE. */
  OIDC_JWKS_URL: z.string().url().optional(),
  OIDC_ISSUER: z.string().optional(),
  /** Comma-separated: a token must carry one of them in `aud`. */
  OIDC_AUDIENCE: z.string().optional(),
  /** JSON of the claims mapping (README, "Connecting an identity provider"); unset: the defaults. */
  OIDC_CLAIMS: z.string().optional(),
  /** Comma-separated error codes of foreign subgraphs passed to callers with serviceName. */
  TRUSTED_SUBGRAPH_ERROR_CODES: z.string().default(''),
  /** Who may register automatic persisted queries: nobody, or callers with a token or an API key. */
  APQ_REGISTRATION: z.enum(['off', 'signed-in']).default('off'),
  APQ_MAX_DOCUMENT_BYTES: int(16 * 1024, 1),
  APQ_MAX_BYTES: int(16 * 1024 * 1024, 1),
  APQ_TTL_SECONDS: int(24 * 60 * 60, 1),
  /** A port of its own for `/metrics` and the detailed `/health`. */
  OPERATOR_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Bearer credential for `/metrics` and the detailed `/health` on the API port. */
  OPERATOR_TOKEN: z.string().min(32).optional(),
  REQUEST_TIMEOUT_MS: int(30_000, 1),
  HEADERS_TIMEOUT_MS: int(10_000, 1),
  TOKEN_MAX_LIFETIME_SECONDS: int(24 * 60 * 60, 60),
  /** The built GraphiQL bundle (`npm run build:explorer -- <folder>`). */
  EXPLORER_DIR: z.string().optional(),
  /** In production, GraphiQL for requests carrying a staff member's token; off by default. */
  EXPLORER_FOR_STAFF: flag.default(false),
});

/** Everything of {@link GatewayOptions} but the supergraph, the keys and where to listen. */
export type GatewayOperations = Omit<
  GatewayOptions,
  'supergraphSdl' | 'supergraphPath' | 'auth' | 'callerKey' | 'subgraphUrls' | 'port' | 'host' | 'development'
>;

export type GatewayOperationsResult =
  { readonly ok: true; readonly operations: GatewayOperations } | { readonly ok: false; readonly errors: readonly string[] };

export interface OperationsDefaults {
  readonly development: boolean;
  /** Read when `TRUSTED_DOCUMENTS` is unset and the file exists (the SDK's manifest, for `npm start`). */
  readonly trustedDocumentsPath?: string;
  /** Read when neither `API_KEYS` nor `API_KEYS_FILE` is set and the file exists (`DATA_DIR/api-keys.json` in development). */
  readonly apiKeysPath?: string;
  /** The store when `GATEWAY_STORE` is unset (`DATA_DIR/gateway.sqlite` for `npm start`). */
  readonly storePath?: string;
  /** The GraphiQL bundle when `EXPLORER_DIR` is unset and the folder exists (`explorer/dist`, which `npm start` builds). */
  readonly explorerDir?: string;
}

/** Validates the gateway's operational variables and reads the files they name. */
export function loadGatewayOperations(env: NodeJS.ProcessEnv, defaults: OperationsDefaults): GatewayOperationsResult {
  const parsed = Operations.safeParse(env);
  if (!parsed.success) return { ok: false, errors: issues(parsed.error) };
  const e = parsed.data;
  const errors: string[] = [];

  let trustedDocuments: GatewayOperations['trustedDocuments'];
  const documentsPath =
    e.TRUSTED_DOCUMENTS ??
    (defaults.trustedDocumentsPath && existsSync(defaults.trustedDocumentsPath) ? defaults.trustedDocumentsPath : undefined);
  if (documentsPath) {
    const loaded = loadTrustedDocuments(documentsPath);
    if (loaded.ok) trustedDocuments = { documents: loaded.documents, safelist: e.SAFELIST };
    else errors.push(`TRUSTED_DOCUMENTS: ${loaded.error}`);
  } else if (e.SAFELIST === 'all') errors.push('SAFELIST: "all" needs TRUSTED_DOCUMENTS');

  let apiKeys: readonly ApiKeyEntry[] = [];
  const keysPath =
    e.API_KEYS_FILE ??
    (e.API_KEYS === undefined && defaults.apiKeysPath && existsSync(defaults.apiKeysPath) ? defaults.apiKeysPath : undefined);
  const keys = e.API_KEYS !== undefined ? parseApiKeys(e.API_KEYS, 'API_KEYS') : keysPath ? loadApiKeysFile(keysPath) : undefined;
  if (keys?.ok) apiKeys = keys.entries;
  else if (keys) errors.push(`API keys: ${keys.error}`);

  const subgraphOptions: Record<string, { timeoutMs: number }> = {};
  for (const pair of e.SUBGRAPH_TIMEOUTS.split(',').filter(Boolean)) {
    const [name, ms] = pair.split('=');
    const timeoutMs = Number(ms);
    if (!name || !Number.isInteger(timeoutMs) || timeoutMs <= 0) errors.push('SUBGRAPH_TIMEOUTS: expected name=milliseconds,…');
    else subgraphOptions[name] = { timeoutMs };
  }
  let oidc: OidcOptions | undefined;
  if (e.OIDC_JWKS_URL) {
    if (!e.OIDC_ISSUER || !e.OIDC_AUDIENCE) errors.push('OIDC_JWKS_URL needs OIDC_ISSUER and OIDC_AUDIENCE');
    let claims: ClaimsMapping | undefined;
    try {
      claims = e.OIDC_CLAIMS ? (JSON.parse(e.OIDC_CLAIMS) as ClaimsMapping) : undefined;
    } catch (error) {
      errors.push(`OIDC_CLAIMS: not JSON: ${(error as Error).message}`);
    }
    oidc = {
      jwksUrl: e.OIDC_JWKS_URL,
      issuer: e.OIDC_ISSUER ?? '',
      audience: (e.OIDC_AUDIENCE ?? '')
        .split(',')
        .map((each) => each.trim())
        .filter(Boolean),
      ...(claims ? { claims } : {}),
    };
  }
  if (errors.length > 0) return { ok: false, errors };
  const storePath = e.GATEWAY_STORE === 'off' ? undefined : (e.GATEWAY_STORE ?? defaults.storePath);
  const explorerDir = e.EXPLORER_DIR ?? (defaults.explorerDir && existsSync(defaults.explorerDir) ? defaults.explorerDir : undefined);

  return {
    ok: true,
    operations: {
      logger: e.LOG_LEVEL,
      bodyLimit: e.BODY_LIMIT,
      ...(e.CORS_ORIGINS !== undefined
        ? {
            corsOrigins:
              e.CORS_ORIGINS.trim() === '*'
                ? '*'
                : e.CORS_ORIGINS.split(',')
                    .map((origin) => origin.trim())
                    .filter(Boolean),
          }
        : {}),
      ...(trustedDocuments ? { trustedDocuments } : {}),
      apiKeys,
      limits: {
        maxDepth: e.MAX_DEPTH,
        maxAliases: e.MAX_ALIASES,
        maxRootFields: e.MAX_ROOT_FIELDS,
        maxTokens: e.MAX_TOKENS,
        maxCost: e.MAX_COST,
        defaultListSize: e.DEFAULT_LIST_SIZE,
        maxBatchSize: e.MAX_BATCH_SIZE,
      },
      expensiveLane:
        e.EXPENSIVE_COST === 0
          ? false
          : { cost: e.EXPENSIVE_COST, concurrency: e.EXPENSIVE_CONCURRENCY, queue: e.EXPENSIVE_QUEUE, waitMs: e.EXPENSIVE_WAIT_MS },
      rateLimit: {
        points: e.RATE_LIMIT_POINTS,
        durationSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
        ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
      },
      subgraphDefaults: {
        timeoutMs: e.SUBGRAPH_TIMEOUT_MS,
        retries: e.SUBGRAPH_RETRIES,
        maxSockets: e.SUBGRAPH_MAX_SOCKETS,
        queue: { maxInFlight: e.SUBGRAPH_MAX_IN_FLIGHT, maxQueued: e.SUBGRAPH_MAX_QUEUED, maxWaitMs: e.SUBGRAPH_QUEUE_WAIT_MS },
        circuitBreaker: { failureThreshold: e.CIRCUIT_FAILURE_THRESHOLD, cooldownMs: e.CIRCUIT_COOLDOWN_MS },
      },
      subgraphOptions,
      anonymousIntrospection: e.ANONYMOUS_INTROSPECTION ?? defaults.development,
      trustProxy: trustProxyOf(e.TRUST_PROXY),
      metrics: { enabled: e.METRICS },
      tracing: {
        serviceName: e.OTEL_SERVICE_NAME,
        ...(e.OTEL_EXPORTER_OTLP_ENDPOINT ? { otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT } : {}),
      },
      shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
      drainTimeoutMs: e.DRAIN_TIMEOUT_MS,
      ...(e.PUBLIC_CACHE_TTL_MS > 0 ? { publicResponseCache: { ttlMs: e.PUBLIC_CACHE_TTL_MS } } : {}),
      ...(e.REDIS_URL ? { sharedCacheRedisUrl: e.REDIS_URL } : {}),
      readiness: e.READY_SUBGRAPHS === 'any' || e.READY_SUBGRAPHS === 'all' ? e.READY_SUBGRAPHS : e.READY_SUBGRAPHS.split(','),
      ...(storePath ? { store: { path: storePath, pollMs: e.STORE_POLL_MS } } : {}),
      ...(oidc ? { oidc } : {}),
      trustedSubgraphErrorCodes: e.TRUSTED_SUBGRAPH_ERROR_CODES.split(',')
        .map((code) => code.trim())
        .filter(Boolean),
      automaticPersistedQueries: {
        registration: e.APQ_REGISTRATION,
        maxDocumentBytes: e.APQ_MAX_DOCUMENT_BYTES,
        maxBytes: e.APQ_MAX_BYTES,
        ttlSeconds: e.APQ_TTL_SECONDS,
      },
      operator: {
        ...(e.OPERATOR_PORT !== undefined ? { port: e.OPERATOR_PORT } : {}),
        ...(e.OPERATOR_TOKEN !== undefined ? { token: e.OPERATOR_TOKEN } : {}),
      },
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
      maxTokenLifetimeSeconds: e.TOKEN_MAX_LIFETIME_SECONDS,
      ...(explorerDir ? { explorer: { assetsDir: explorerDir, staff: e.EXPLORER_FOR_STAFF } } : {}),
    },
  };
}

/** Express's `trust proxy`: true/false, a hop count, or addresses/subnets. */
function trustProxyOf(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

const Environment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** The supergraph file, when not given on the command line. */
  SUPERGRAPH: z.string().optional(),
  ...KEY_VARIABLES,
  /** Overrides of subgraph URLs: `name=url,name=url`. */
  SUBGRAPH_URLS: z.string().default(''),
});

/** Every variable the standalone gateway reads (its own and the operational ones): for deploy files' checks. */
export const GATEWAY_VARIABLES: readonly string[] = [...Object.keys(Environment.shape), ...Object.keys(Operations.shape)];

/** The operational variables, which `npm start` and start-subgraph read too (through loadGatewayOperations). */
export const GATEWAY_OPERATIONS_VARIABLES: readonly string[] = Object.keys(Operations.shape);

export type GatewayConfigResult =
  { readonly ok: true; readonly options: GatewayOptions } | { readonly ok: false; readonly errors: readonly string[] };

/**
 * The standalone gateway's configuration: a supergraph file (the command line's, else `SUPERGRAPH`)
 * and the environment, read once. The gateway knows no department: it serves whatever supergraph it
 * is given.
 */
export function loadGatewayConfig(supergraphPath: string | undefined, env: NodeJS.ProcessEnv = process.env): GatewayConfigResult {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) return { ok: false, errors: issues(parsed.error) };
  const e = parsed.data;
  const development = e.NODE_ENV === 'development';
  if (e.NODE_ENV === 'production') {
    const unsafe = productionSecretErrors({ JWT_SECRET: e.JWT_SECRET, CALLER_CONTEXT_SECRET: e.CALLER_CONTEXT_SECRET });
    if (unsafe.length > 0) return { ok: false, errors: unsafe };
  }
  const operations = loadGatewayOperations(env, { development });
  if (!operations.ok) return operations;
  const path = supergraphPath ?? e.SUPERGRAPH;
  if (!path) return { ok: false, errors: ['supergraph: give a file on the command line or in SUPERGRAPH'] };
  let supergraphSdl: string;
  try {
    supergraphSdl = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, errors: [`supergraph: cannot read ${path}: ${(error as Error).message}`] };
  }
  const overrides = e.SUBGRAPH_URLS.split(',')
    .filter(Boolean)
    .map((pair) => pair.split('='));
  if (overrides.some((pair) => pair.length !== 2 || !pair[0] || !pair[1]))
    return { ok: false, errors: ['SUBGRAPH_URLS: expected name=url,name=url'] };
  const jwt = keysOf('JWT', e);
  const callerKeys = keysOf('CALLER_CONTEXT', e);
  if (!jwt.ok || !callerKeys.ok) return { ok: false, errors: [jwt, callerKeys].flatMap((result) => (result.ok ? [] : [result.error])) };
  return {
    ok: true,
    options: {
      ...operations.operations,
      supergraphSdl,
      supergraphPath: path,
      auth: { secret: jwt.keys },
      callerKey: callerKeys.keys,
      subgraphUrls: Object.fromEntries(overrides),
      port: e.PORT,
      host: e.HOST,
      development,
    },
  };
}

/** `<NAME>_SECRET` (one key, kid `default`) or `<NAME>_KEYS` + `<NAME>_KID` (a set by kid): exactly one. */
function keysOf(name: KeyName, variables: KeyVariables): { ok: true; keys: KeyMaterial } | { ok: false; error: string } {
  const read = keysFromVariables(name, variables);
  if (!read.ok) return read;
  if (read.keys === undefined) return { ok: false, error: `${name}_SECRET: Required (or ${name}_KEYS)` };
  return { ok: true, keys: typeof read.keys === 'string' ? new TextEncoder().encode(read.keys) : read.keys };
}

/**
 * Production refuses keys that anyone could know: values published in the repository's deploy files,
 * placeholders, keys too short or too regular. Each error is one line saying what to set.
 */
export function productionSecretErrors(secrets: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(secrets).flatMap(([variable, value]) => (value === undefined ? [] : (unsafeSecretReason(variable, value) ?? [])));
}

function issues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}
