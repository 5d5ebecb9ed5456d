import { readFileSync } from 'node:fs';
import { startGateway, type GatewayOperations } from '@liangling/gateway';
import { generateCity, httpAuditSink, startDepartment, type City, type DatabaseClient, type RunningDepartment } from '@liangling/kit';
import { SERVICE_SCOPES, SUPERGRAPH_PATH, type Caller, type Scope } from '@liangling/schema';
import { EARLY_WARNING_PURPOSE, startWarningSchedule, type EngineRun, type WarningSchedule } from '@liangling/warning';
import { openDepartmentDatabase, type PostgresSettings } from './databases';
import { groupDepartments, startDepartmentProcesses, type DepartmentProcesses } from './department-processes';
import { DEPARTMENTS } from './departments';
import { keyMaterialToText, loadKeys, type ConfiguredKey, type StackKeys } from './keys';
import { signToken } from './tokens';

export interface StackOptions {
  readonly dataDir: string;
  /** Residents of the seeded city, when a database is empty. @default 2000 */
  readonly seedResidents?: number;
  /** 0 picks a free port (tests). @default 4000 */
  readonly gatewayPort?: number;
  /** Port per subgraph name; a missing name gets a free port. @default {} */
  readonly subgraphPorts?: Readonly<Record<string, number>>;
  readonly host?: string;
  readonly development?: boolean;
  readonly secrets?: { jwtSecret?: ConfiguredKey; callerContextSecret?: ConfiguredKey };
  /** Sees every SQL statement each subgraph sends, by subgraph name: for tests that count them. */
  readonly onQuery?: (subgraph: string, sql: string) => void;
  /** The clock every department reads through `context.now()`: tests move it to run statutory deadlines. @default the system clock */
  readonly clock?: () => Date;
  /**
   * How often departments run their scheduled jobs (the escalation sweep), in milliseconds; 0 runs none.
   * @default each job's own interval
   */
  readonly jobIntervalMs?: number;
  /** The gateway's operational settings (`loadConfig().config.gateway` for `npm start`). @default the gateway's defaults, logs silent */
  readonly gateway?: GatewayOperations;
  /** The scopes of the early-warning engine's credential. @default SERVICE_SCOPES['early-warning']: only what its rules read */
  readonly engineScopes?: readonly Scope[];
  /**
   * Runs the early-warning engine against the gateway as the `early-warning` service, once at start and
   * then every `intervalMs`; told of each run through `onRun`. @default off
   */
  readonly warning?: { readonly intervalMs: number; readonly onRun?: (run: EngineRun) => void };
  /** Submissions of one kind a resident may make in any 24 hours. @default 30 */
  readonly submissionsPerDay?: number;
  /** Departments' data in PostgreSQL rather than SQLite files under `dataDir`. @default SQLite */
  readonly postgres?: PostgresSettings;
  /** The gateway serves schema/supergraph.graphql anew whenever it changes (`npm run generate`). @default false */
  readonly watchSupergraph?: boolean;
  /**
   * Departments in this many child processes (grouped by `groupDepartments`), so that every core works
   * under load: what `npm start` does (`DEPARTMENT_PROCESSES`, one per core). 0 serves them in this
   * process: faster to start, what tests use, and needed for `onQuery` and `clock`. @default 0
   */
  readonly departmentProcesses?: number;
}

/**
 * An answer read as the tests read it: freely, field by field. The one `any` of an exported signature
 * left in the tree, on purpose: typed clients use the SDK; this is the test harness's untyped answer.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type UntypedData = Record<string, any>;

export interface GraphQLResponse<T = UntypedData> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: UntypedData }[];
}

export interface RunningStack {
  /** The gateway's `/graphql`. */
  readonly url: string;
  /** Each subgraph's `/graphql`, by name. */
  readonly subgraphs: Readonly<Record<string, string>>;
  readonly keys: StackKeys;
  /** Posts a GraphQL request to the gateway over HTTP, as any client would. */
  query<T = UntypedData>(query: string, options?: { token?: string; variables?: Record<string, unknown> }): Promise<GraphQLResponse<T>>;
  /** A token for a caller, signed with this stack's development key. */
  token(caller: Omit<Caller, 'regions'> & { regions?: readonly string[] }): Promise<string>;
  /** Stops one subgraph's server (its database stays open): for tests of a department that is down. */
  stopSubgraph(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts every department and the gateway on one machine: each department's database is opened
 * (and seeded with the same synthetic city when empty), each subgraph served, and the gateway
 * pointed at them with the committed supergraph. What `npm start` runs and what tests use.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const keys = loadKeys(options.dataDir, options.secrets);
  const host = options.host ?? '127.0.0.1';
  let city: City | undefined;
  const running: RunningDepartment[] = [];
  let auditUrl: string | undefined;
  const databases: DatabaseClient[] = [];
  let processes: DepartmentProcesses | undefined;
  const stopAll = async () => {
    await processes?.stop();
    await Promise.allSettled(running.map((department) => department.stop()));
    await Promise.allSettled(databases.map((db) => db.$disconnect()));
  };
  const inChildren = (options.departmentProcesses ?? 0) > 0;
  if (inChildren && (options.onQuery || options.clock))
    throw new Error('onQuery and clock need the departments in this process (departmentProcesses: 0)');
  try {
    if (inChildren) {
      processes = await startDepartmentProcesses(
        groupDepartments(
          DEPARTMENTS.map((department) => department.name),
          options.departmentProcesses ?? 0,
        ),
        {
          dataDir: options.dataDir,
          seedResidents: options.seedResidents ?? 2000,
          host,
          ports: options.subgraphPorts ?? {},
          development: options.development ?? false,
          ...(options.jobIntervalMs !== undefined ? { jobIntervalMs: options.jobIntervalMs } : {}),
          ...(options.submissionsPerDay !== undefined ? { submissionsPerDay: options.submissionsPerDay } : {}),
          ...(options.postgres ? { postgres: options.postgres } : {}),
          callerKey: keyMaterialToText(keys.callerKey),
        },
      );
    }
    for (const department of inChildren ? [] : DEPARTMENTS) {
      const db = await openDepartmentDatabase(department, {
        dataDir: options.dataDir,
        postgres: options.postgres,
        seedResidents: options.seedResidents ?? 2000,
        city: () => (city ??= generateCity({ residents: options.seedResidents ?? 2000 })),
        onQuery: options.onQuery ? (sql: string) => options.onQuery?.(department.name, sql) : undefined,
      });
      databases.push(db);
      running.push(
        await startDepartment({
          department,
          db,
          callerKey: keys.callerKey,
          port: options.subgraphPorts?.[department.name] ?? 0,
          host,
          development: options.development ?? false,
          ...(options.clock ? { clock: options.clock } : {}),
          ...(options.jobIntervalMs !== undefined ? { jobIntervalMs: options.jobIntervalMs } : {}),
          ...(options.submissionsPerDay !== undefined ? { submissionsPerDay: options.submissionsPerDay } : {}),
          audit: httpAuditSink({ url: () => auditUrl, subgraph: department.name, callerKey: keys.callerKey }),
          // Departments that ask each other (residents asks enforcement which cases name a party).
          peers: (name) => running.find((candidate) => candidate.name === name)?.url,
        }),
      );
      if (department.name === 'audit') auditUrl = new URL('/records', running.at(-1)!.url).toString();
    }
    // In the order of DEPARTMENTS whichever process serves them.
    const subgraphs = processes
      ? Object.fromEntries(DEPARTMENTS.map((department) => [department.name, processes?.urls[department.name] ?? '']))
      : Object.fromEntries(running.map((department) => [department.name, department.url]));
    const gateway = await startGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
      ...(options.watchSupergraph ? { supergraphPath: SUPERGRAPH_PATH } : {}),
      auth: { secret: keys.jwtSecret },
      callerKey: keys.callerKey,
      subgraphUrls: subgraphs,
      port: options.gatewayPort ?? 4000,
      host,
      development: options.development ?? false,
      // Without settings (tests, the harness): request logs would bury the test output, and tests
      // check the public contract by introspection, which production turns off for anonymous callers.
      ...(options.gateway ?? { logger: 'silent', anonymousIntrospection: true }),
    });
    let warning: WarningSchedule | undefined;
    if (options.warning && options.warning.intervalMs > 0) {
      const engine = {
        role: 'service' as const,
        sub: 'early-warning',
        purpose: EARLY_WARNING_PURPOSE,
        scopes: options.engineScopes ?? SERVICE_SCOPES['early-warning'],
      };
      warning = startWarningSchedule({
        gatewayUrl: gateway.url,
        token: () => signToken(engine, keys.jwtSecret, '1h'),
        intervalMs: options.warning.intervalMs,
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.warning.onRun ? { onRun: options.warning.onRun } : {}),
      });
    }
    return {
      url: gateway.url,
      subgraphs,
      keys,
      query: (query, { token, variables } = {}) => postGraphQL(gateway.url, { query, variables }, token),
      token: (caller) => signToken(caller, keys.jwtSecret),
      stopSubgraph: async (name) => {
        if (processes) return processes.stopSubgraph(name);
        const department = running.find((candidate) => candidate.name === name);
        if (!department) throw new Error(`no subgraph ${name}`);
        await department.stop();
      },
      stop: async () => {
        // The engine first: it is a client of the gateway.
        await warning?.stop();
        await gateway.stop();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** One GraphQL POST; the response body is returned whatever the HTTP status. */
export async function postGraphQL<T>(
  url: string,
  body: unknown,
  token?: string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  try {
    return { status: response.status, ...(JSON.parse(text) as object) };
  } catch {
    return { status: response.status, errors: [{ message: text }] };
  }
}
