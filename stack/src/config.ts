import { resolve } from 'node:path';
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

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
  DATA_DIR: z.string().default('.data'),
  SEED_RESIDENTS: z.coerce.number().int().min(40).default(2000),
  /** How often departments run their scheduled jobs (the escalation sweep), in seconds; 0 runs none. Unset: each job's own interval. */
  JOB_INTERVAL_SECONDS: z.coerce.number().min(0).optional(),
  /** Overrides the development key file: the HMAC secret of callers' tokens. */
  JWT_SECRET: z.string().min(32).optional(),
  /** Overrides the development key file: the HMAC key of gateway → subgraph caller contexts. */
  CALLER_CONTEXT_SECRET: z.string().min(32).optional(),
});

/** The whole platform's configuration, read from the environment once. */
export interface StackConfig {
  readonly development: boolean;
  readonly host: string;
  readonly gatewayPort: number;
  /** Fixed default ports per subgraph name. */
  readonly subgraphPorts: Readonly<Record<string, number>>;
  readonly dataDir: string;
  readonly seedResidents: number;
  /** Milliseconds between runs of every scheduled job; undefined: each job's own default; 0: none. */
  readonly jobIntervalMs: number | undefined;
  readonly jwtSecret: string | undefined;
  readonly callerContextSecret: string | undefined;
}

export type ConfigResult = { readonly ok: true; readonly config: StackConfig } | { readonly ok: false; readonly errors: readonly string[] };

/** Validates the environment; every variable has a default that works on a fresh machine. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  const e = parsed.data;
  return {
    ok: true,
    config: {
      development: e.NODE_ENV !== 'production',
      host: e.HOST,
      gatewayPort: e.PORT,
      subgraphPorts: {
        residents: e.RESIDENTS_PORT,
        neighbours: e.NEIGHBOURS_PORT,
        requests: e.REQUESTS_PORT,
        enforcement: e.ENFORCEMENT_PORT,
        petitions: e.PETITIONS_PORT,
        monitoring: e.MONITORING_PORT,
        audit: e.AUDIT_PORT,
      },
      dataDir: resolve(e.DATA_DIR),
      seedResidents: e.SEED_RESIDENTS,
      jobIntervalMs: e.JOB_INTERVAL_SECONDS === undefined ? undefined : e.JOB_INTERVAL_SECONDS * 1000,
      jwtSecret: e.JWT_SECRET,
      callerContextSecret: e.CALLER_CONTEXT_SECRET,
    },
  };
}
