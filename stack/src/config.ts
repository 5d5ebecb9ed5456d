import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { loadGatewayOperations, productionSecretErrors, type GatewayOperations } from '@liangling/gateway';
import { KEY_VARIABLES, keysFromVariables, type HmacKeySet } from '@liangling/schema';
import { z } from 'zod';
import type { PostgresSettings } from './databases';
import { SCOPE_NAMES, SERVICE_SCOPES, isScope, type Scope } from '@liangling/schema';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const scopeList = (fallback: readonly Scope[]) =>
  z
    .string()
    .default(fallback.join(','))
    .transform((text) =>
      text
        .split(',')
        .map((scope) => scope.trim())
        .filter(Boolean),
    )
    .refine((scopes) => scopes.every(isScope), `scopes, comma-separated, among ${SCOPE_NAMES.join(', ')}`)
    .transform((scopes) => scopes as Scope[]);

const Environment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port(4000),
  RESIDENTS_PORT: port(4001),
  NEIGHBOURS_PORT: port(4002),
  REQUESTS_PORT: port(4003),
  ENFORCEMENT_PORT: port(4004),
  PETITIONS_PORT: port(4005),
  MONITORING_PORT: port(4006),
  AUDIT_PORT: port(4007),
  /** Distributed start: the gateway replicas' ports, comma-separated. */
  GATEWAY_REPLICA_PORTS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'ports, comma-separated: 4000,4010')
    .default('4000,4010'),
  DATA_DIR: z.string().default('.data'),
  SEED_RESIDENTS: z.coerce.number().int().min(40).default(2000),
  /** How often departments run their scheduled jobs (the escalation sweep), in seconds; 0 runs none. Unset: each job's own interval. */
  JOB_INTERVAL_SECONDS: z.coerce.number().min(0).optional(),
  /** How often the early-warning engine runs, in seconds (also once at start); 0 runs it never. */
  WARNING_INTERVAL_SECONDS: z.coerce.number().min(0).default(300),
  /** Scopes of the early-warning engine's credential, comma-separated (SCOPES in schema/src/privacy/scopes.ts). */
  EARLY_WARNING_SCOPES: scopeList(SERVICE_SCOPES['early-warning']),
  /** Scopes of the IoT device gateway's credential, comma-separated. */
  DEVICE_GATEWAY_SCOPES: scopeList(SERVICE_SCOPES['device-gateway']),
  /** PostgreSQL for every department, each in a schema named after it (unset: SQLite files under DATA_DIR). */
  DATABASE_URL: z.string().url().optional(),
  /** A department's own PostgreSQL database; wins over DATABASE_URL. */
  RESIDENTS_DATABASE_URL: z.string().url().optional(),
  NEIGHBOURS_DATABASE_URL: z.string().url().optional(),
  REQUESTS_DATABASE_URL: z.string().url().optional(),
  ENFORCEMENT_DATABASE_URL: z.string().url().optional(),
  PETITIONS_DATABASE_URL: z.string().url().optional(),
  MONITORING_DATABASE_URL: z.string().url().optional(),
  AUDIT_DATABASE_URL: z.string().url().optional(),
  /** PostgreSQL connections per department process. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** `apply`: each service applies pending migrations at start; `check`: it refuses to start with any pending (run `npm run migrate` first). */
  MIGRATIONS: z.enum(['apply', 'check']).default('apply'),
  /** Whether services (and `npm run migrate`) may create a missing PostgreSQL database; default: in development only. */
  CREATE_DATABASES: z.enum(['true', 'false']).optional(),
  /** Distributed start: where a subgraph process finds the audit service's intake (`http://audit:4007`). Unset: the audit port on HOST. */
  AUDIT_URL: z.string().url().optional(),
  /** `npm start`: departments in this many processes so every core works (0: all in the gateway's process). Unset: one per core. */
  DEPARTMENT_PROCESSES: z.coerce.number().int().min(0).max(7).optional(),
  /** Submissions of one kind (repair requests, online petitions, opinions) a resident may make in any 24 hours. */
  SUBMISSIONS_PER_DAY: z.coerce.number().int().min(1).default(30),
  /** Distributed start: where residents asks enforcement which open cases name a party (`http://enforcement:4004`). Unset: the enforcement port on HOST. */
  ENFORCEMENT_URL: z.string().url().optional(),
  // The two HMAC keys (JWT_*, CALLER_CONTEXT_*), read as the standalone gateway reads them; unset,
  // the development key file's.
  ...KEY_VARIABLES,
});

/** Every variable the stack reads (`npm start`, start-subgraph), besides the gateway's (GATEWAY_VARIABLES): for deploy files' checks. */
export const STACK_VARIABLES: readonly string[] = Object.keys(Environment.shape);

/** The whole platform's configuration, read from the environment once. */
export interface StackConfig {
  readonly development: boolean;
  readonly host: string;
  readonly gatewayPort: number;
  /** Distributed start: a gateway process per port. */
  readonly gatewayReplicaPorts: readonly number[];
  /** Fixed default ports per subgraph name. */
  readonly subgraphPorts: Readonly<Record<string, number>>;
  readonly dataDir: string;
  readonly seedResidents: number;
  /** Milliseconds between runs of every scheduled job; undefined: each job's own default; 0: none. */
  readonly jobIntervalMs: number | undefined;
  /** Milliseconds between runs of the early-warning engine; 0: never. */
  readonly warningIntervalMs: number;
  /** Submissions of one kind a resident may make in any 24 hours. */
  readonly submissionsPerDay: number;
  /** `npm start`: processes the departments are spread over; 0 serves them in the gateway's process. */
  readonly departmentProcesses: number;
  /** JWT_SECRET or JWT_KEYS; undefined: the development key file. */
  readonly jwtSecret: string | HmacKeySet | undefined;
  /** CALLER_CONTEXT_SECRET or CALLER_CONTEXT_KEYS; undefined: the development key file. */
  readonly callerContextSecret: string | HmacKeySet | undefined;
  /** PostgreSQL instead of SQLite, when any database URL is set. */
  readonly postgres: PostgresSettings | undefined;
  /** `MIGRATIONS`: apply at start, or only check (SQLite and PostgreSQL). */
  readonly migrations: 'apply' | 'check';
  /** The audit service's base URL, for subgraphs started as their own processes. */
  readonly auditUrl: string;
  /** The enforcement service's base URL, for the residents subgraph's case-handling grants. */
  readonly enforcementUrl: string;
  /** The scopes each service identity's credential carries, by its subject (`early-warning`, `device-gateway`). */
  readonly serviceScopes: Readonly<Record<string, readonly Scope[]>>;
  /** The gateway's operational settings (limits, rate limits, resilience, logs, metrics…): README, "Operating the gateway". */
  readonly gateway: GatewayOperations;
}

/** The SDK's trusted documents, published by `npm run generate:sdk`: the gateway's manifest unless TRUSTED_DOCUMENTS names another. */
export const SDK_TRUSTED_DOCUMENTS_PATH = join(__dirname, '..', '..', 'sdk', 'src', 'generated', 'persisted-documents.json');
/** GraphiQL's bundle, which `npm start` builds first (`npm run build:explorer`), served in development. */
export const EXPLORER_BUNDLE_PATH = join(__dirname, '..', '..', 'explorer', 'dist');

export type ConfigResult = { readonly ok: true; readonly config: StackConfig } | { readonly ok: false; readonly errors: readonly string[] };

/** Validates the environment; every variable has a default that works on a fresh machine. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  const e = parsed.data;
  const development = e.NODE_ENV !== 'production';
  const jwtKeys = keysFromVariables('JWT', e);
  const callerKeys = keysFromVariables('CALLER_CONTEXT', e);
  const keyErrors = [jwtKeys, callerKeys].flatMap((result) => (result.ok ? [] : [result.error]));
  if (keyErrors.length > 0) return { ok: false, errors: keyErrors };
  const unsafe = development ? [] : productionSecretErrors({ JWT_SECRET: e.JWT_SECRET, CALLER_CONTEXT_SECRET: e.CALLER_CONTEXT_SECRET });
  if (unsafe.length > 0) return { ok: false, errors: unsafe };
  const dataDir = resolve(e.DATA_DIR);
  const gateway = loadGatewayOperations(env, {
    development,
    trustedDocumentsPath: SDK_TRUSTED_DOCUMENTS_PATH,
    // Development keys live beside the development secrets; production passes API_KEYS or API_KEYS_FILE.
    ...(development ? { apiKeysPath: join(dataDir, 'api-keys.json') } : {}),
    storePath: join(dataDir, 'gateway.sqlite'),
    explorerDir: EXPLORER_BUNDLE_PATH,
  });
  if (!gateway.ok) return { ok: false, errors: gateway.errors };
  const urls = Object.fromEntries(
    Object.entries({
      residents: e.RESIDENTS_DATABASE_URL,
      neighbours: e.NEIGHBOURS_DATABASE_URL,
      requests: e.REQUESTS_DATABASE_URL,
      enforcement: e.ENFORCEMENT_DATABASE_URL,
      petitions: e.PETITIONS_DATABASE_URL,
      monitoring: e.MONITORING_DATABASE_URL,
      audit: e.AUDIT_DATABASE_URL,
    }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const createDatabases = e.CREATE_DATABASES === undefined ? development : e.CREATE_DATABASES === 'true';
  const postgres =
    e.DATABASE_URL || Object.keys(urls).length > 0
      ? { url: e.DATABASE_URL, urls, poolSize: e.DATABASE_POOL_SIZE, migrations: e.MIGRATIONS, createDatabases }
      : undefined;
  return {
    ok: true,
    config: {
      development,
      host: e.HOST,
      gatewayPort: e.PORT,
      gatewayReplicaPorts: e.GATEWAY_REPLICA_PORTS.split(',').map(Number),
      subgraphPorts: {
        residents: e.RESIDENTS_PORT,
        neighbours: e.NEIGHBOURS_PORT,
        requests: e.REQUESTS_PORT,
        enforcement: e.ENFORCEMENT_PORT,
        petitions: e.PETITIONS_PORT,
        monitoring: e.MONITORING_PORT,
        audit: e.AUDIT_PORT,
      },
      dataDir,
      seedResidents: e.SEED_RESIDENTS,
      jobIntervalMs: e.JOB_INTERVAL_SECONDS === undefined ? undefined : e.JOB_INTERVAL_SECONDS * 1000,
      warningIntervalMs: e.WARNING_INTERVAL_SECONDS * 1000,
      submissionsPerDay: e.SUBMISSIONS_PER_DAY,
      departmentProcesses: e.DEPARTMENT_PROCESSES ?? Math.min(7, availableParallelism()),
      jwtSecret: jwtKeys.ok ? jwtKeys.keys : undefined,
      callerContextSecret: callerKeys.ok ? callerKeys.keys : undefined,
      postgres,
      migrations: e.MIGRATIONS,
      auditUrl: e.AUDIT_URL ?? `http://${e.HOST}:${e.AUDIT_PORT}`,
      enforcementUrl: e.ENFORCEMENT_URL ?? `http://${e.HOST}:${e.ENFORCEMENT_PORT}`,
      serviceScopes: { 'early-warning': e.EARLY_WARNING_SCOPES, 'device-gateway': e.DEVICE_GATEWAY_SCOPES },
      gateway: gateway.operations,
    },
  };
}

/**
 * The configuration for a command-line entry point: a wrong environment is the operator's mistake,
 * said in one line, and the process exits with 2.
 */
export function configOrExit(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const loaded = loadConfig(env);
  if (loaded.ok) return loaded.config;
  console.error(`configuration: ${loaded.errors.join('; ')}`);
  return process.exit(2);
}
