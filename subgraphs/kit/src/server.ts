import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { every, type Repeating } from '@liangling/runtime';
import {
  CALLER_CONTEXT_HEADER,
  codedError,
  isErrorCode,
  maskUnexpectedErrors,
  memoryReplayGuard,
  signCallerContext,
  verifyCallerContext,
  type BoundRequest,
  type Caller,
  type KeyMaterial,
  type ReplayGuard,
} from '@liangling/schema';
import express from 'express';
import pino, { type Logger } from 'pino';
import { requestLogPlugin } from './request-log';
import { auditPlugin } from './audit/plugin';
import type { AuditSink } from './audit/record';
import { RevealLog } from './audit/reveal-log';
import type { DepartmentContext } from './context';
import type { DatabaseClient } from './db/open';
import type { ScheduledJob, SomeDepartment } from './department';
import { buildDepartmentSchema } from './schema/build';
import { DEFAULT_SUBMISSIONS_PER_DAY } from './submission-limit';
import { subscriptionStream } from './subscription-stream';

export interface DepartmentServerOptions<Db> {
  readonly department: SomeDepartment;
  readonly db: Db;
  /** Key (or keys by kid, during a rotation) shared with the gateway for caller contexts. */
  readonly callerKey: KeyMaterial;
  /**
   * Where the nonces of accepted caller contexts are remembered, so none is accepted twice; the kit's
   * `redisReplayGuard` shares them between replicas. @default this process's memory
   */
  readonly replayGuard?: ReplayGuard;
  /** JSON logs: refused caller contexts, database loss and recovery. @default pino at info on stdout */
  readonly logger?: Logger;
  /** How often a lost database is probed until it is back (its loss and recovery are logged once each). @default 2000 */
  readonly databaseProbeMs?: number;
  /** 0 picks a free port. @default 0 */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Show stack traces in errors. @default false */
  readonly development?: boolean;
  /** What `context.now()` reads; tests set it to move statutory clocks. @default the system clock */
  readonly clock?: () => Date;
  /** Where access records go; every reveal of PERSONAL data or above is written there first. */
  readonly audit: AuditSink;
  /**
   * How often the department's scheduled jobs run, in milliseconds, overriding each job's own default;
   * 0 runs none (tests run them through the graph instead). @default each job's `defaultIntervalMs`
   */
  readonly jobIntervalMs?: number;
  /** Submissions of one kind a resident may make in 24 hours. @default DEFAULT_SUBMISSIONS_PER_DAY (30) */
  readonly submissionsPerDay?: number;
  /**
   * Base URLs of the other departments, by name, for `context.peer()` (looked up when called, so a
   * department started later is found). @default none: every peer call fails, and what rests on one is withheld
   */
  readonly peers?: (department: string) => string | undefined;
}

export interface RunningDepartment {
  readonly name: string;
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Serves one department: `/graphql` for the gateway only (a request without a valid caller context
 * signed by the gateway gets HTTP 401 and nothing else), and `/health`, `/ready` and `/live` for probes.
 */
export async function startDepartment<Db extends DatabaseClient>(options: DepartmentServerOptions<Db>): Promise<RunningDepartment> {
  const { department, db } = options;
  const clock = options.clock ?? (() => new Date());
  const submissionsPerDay = options.submissionsPerDay ?? DEFAULT_SUBMISSIONS_PER_DAY;
  const { schema } = await buildDepartmentSchema(department);
  const logger = options.logger ?? pino({ base: { service: `liangling-${department.name}` } });
  const replayGuard = options.replayGuard ?? memoryReplayGuard();
  const database = watchDatabase(db, logger, options.databaseProbeMs ?? 2000);
  const app = express();
  const httpServer: Server = createServer(app);
  const server = new ApolloServer<DepartmentContext>({
    schema,
    includeStacktraceInErrorResponses: options.development ?? false,
    formatError: maskUnexpectedErrors,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Neither is used (the gateway caches what it caches itself), and each would wrap every field's
      // resolver to watch it: measured at ~3 % of a department's CPU on a page of 50 residents.
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      auditPlugin({ subgraph: department.name, sink: options.audit }),
      requestLogPlugin(logger),
      {
        // An unexpected error may be the database going away: look, so its loss is logged once.
        async requestDidStart() {
          return {
            async didEncounterErrors({ errors }) {
              if (errors.some((error) => !isErrorCode(error.extensions?.['code']))) void database.probe();
            },
          };
        },
      },
    ],
  });
  await server.start();

  // `/health` and `/ready`: answering needs the database (the gateway's health report, readiness
  // probes). `/live`: the process serves at all (liveness probes: restarting it cannot bring back a
  // database, so a database outage must not fail it).
  app.get(['/health', '/ready'], async (_req, res) => {
    if (await database.probe()) res.json({ status: 'ok', subgraph: department.name });
    else res.status(503).json({ status: 'unavailable', subgraph: department.name, reason: 'database' });
  });
  app.get('/live', (_req, res) => {
    res.json({ status: 'ok', subgraph: department.name });
  });
  if (department.routes) {
    const router = express.Router();
    department.routes(router, { db, callerKey: options.callerKey, replayGuard });
    app.use(router);
  }
  // Before `/graphql`, whose mount would take this path too.
  const streams = subscriptionStream({
    schema,
    callerKey: options.callerKey,
    replayGuard,
    rawBodyOf: (req) => rawBodies.get(req),
    context: () => ({ db, loaders: department.loaders(db), now: clock, submissionsPerDay }),
  });
  app.post('/graphql/stream', express.json({ limit: '64kb', verify: keepRawBody }), streams.handler);
  app.use(
    '/graphql',
    express.json({ limit: '2mb', verify: keepRawBody }),
    expressMiddleware(server, {
      context: async ({ req }) => {
        // The context is bound to the bytes received: another body, or the same one again, is refused.
        const verified = await verifyCallerContext(
          req.header(CALLER_CONTEXT_HEADER),
          options.callerKey,
          { method: req.method, body: rawBodies.get(req) ?? '' },
          { replayGuard },
        );
        if (!verified.ok) {
          logger.warn(
            {
              event: 'caller_context_refused',
              reason: verified.reason,
              requestId: req.header('x-request-id') ?? null,
              remoteAddress: req.socket.remoteAddress ?? null,
            },
            'refused a request',
          );
          throw codedError('INVALID_CALLER_CONTEXT', `Subgraphs answer the gateway only: ${verified.reason}.`);
        }
        return {
          caller: verified.caller,
          db,
          loaders: department.loaders(db),
          // The gateway's own id names the request; what a client sent is kept apart, as a hint.
          requestId: req.header('x-liangling-request-id') ?? randomUUID(),
          ...(req.header('x-request-id') ? { correlationId: req.header('x-request-id') } : {}),
          reveals: new RevealLog(),
          submissionsPerDay,
          now: clock,
          peer: (name: string, route: string, body: unknown) => callPeer(options, name, route, body),
        };
      },
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const jobs = (department.jobs ?? []).map((job: ScheduledJob<Db>) =>
    scheduleJob(job, { db, now: clock }, options.jobIntervalMs ?? job.defaultIntervalMs, department.name, logger),
  );
  return {
    name: department.name,
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      database.stop();
      await Promise.all(jobs.map((job) => job.stop()));
      streams.closeAll();
      await server.stop();
    },
  };
}

/** The exact bytes of each JSON body, which its caller context was signed over. */
const rawBodies = new WeakMap<IncomingMessage, Buffer>();
function keepRawBody(req: IncomingMessage, _res: unknown, body: Buffer): void {
  rawBodies.set(req, body);
}

/**
 * Whether the department's database answers. Probed on each health check and whenever a request
 * failed unexpectedly (never on a timer while all is well: a healthy database sees no extra
 * statement); once lost, probed every `intervalMs` until it is back. The operator reads one line
 * when it goes away and one when it is back, not a stack trace per request.
 */
function watchDatabase(db: DatabaseClient, logger: Logger, intervalMs: number): { probe(): Promise<boolean>; stop(): void } {
  let up = true;
  let since = Date.now();
  let retry: NodeJS.Timeout | undefined;
  let inFlight: Promise<boolean> | undefined;
  let stopped = false;
  const check = async () => {
    let reason: string | undefined;
    try {
      await db.$queryRaw`SELECT 1`;
    } catch (error) {
      reason =
        (error as Error).message
          .split('\n')
          .find((line) => line.trim() !== '')
          ?.trim() ?? 'unknown';
    }
    const nowUp = reason === undefined;
    if (nowUp !== up) {
      const downForMs = Date.now() - since;
      up = nowUp;
      since = Date.now();
      if (up) logger.info({ event: 'database_recovered', downForMs }, 'database available again');
      else logger.error({ event: 'database_lost', reason }, 'database unavailable');
    }
    clearTimeout(retry);
    if (!up && !stopped && intervalMs > 0) {
      retry = setTimeout(() => void probe(), intervalMs);
      retry.unref();
    }
    return up;
  };
  const probe = () => {
    inFlight ??= check().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
  return {
    probe,
    stop: () => {
      stopped = true;
      clearTimeout(retry);
    },
  };
}

/** Posts to another department's route, signed as this department's service (as audit records are). */
async function callPeer(options: DepartmentServerOptions<unknown>, name: string, route: string, body: unknown): Promise<unknown> {
  const base = options.peers?.(name);
  if (!base) throw new Error(`${name} is not reachable from ${options.department.name}`);
  const text = JSON.stringify(body);
  // Signed per attempt: each context is bound to its body and carries a nonce of its own.
  const send = () =>
    fetch(new URL(route, base), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [CALLER_CONTEXT_HEADER]: signCallerContext(
          { role: 'service', sub: `subgraph:${options.department.name}`, regions: [] },
          options.callerKey,
          { method: 'POST', body: text },
        ),
      },
      body: text,
      signal: AbortSignal.timeout(3000),
    });
  // A read, so safe to repeat once: a pooled keep-alive connection the peer has just closed fails
  // with a reset, and the lookup would otherwise withhold what it grants for no reason.
  const response = await send().catch(send);
  if (!response.ok) throw new Error(`${name} answered ${response.status}`);
  return response.json();
}

/**
 * The department calling a route through `context.peer()`, or undefined when the call is not signed by
 * one for this very request (its method and body bytes; a nonce seen before is refused).
 */
export async function peerCaller(
  header: string | undefined,
  callerKey: KeyMaterial,
  request: BoundRequest,
  replayGuard?: ReplayGuard,
): Promise<string | undefined> {
  const verified = await verifyCallerContext(header, callerKey, request, replayGuard ? { replayGuard } : {});
  const caller: Caller | undefined = verified.ok ? verified.caller : undefined;
  return caller?.role === 'service' && caller.sub?.startsWith('subgraph:') ? caller.sub.slice('subgraph:'.length) : undefined;
}

/**
 * Runs a job every `intervalMs` (0 turns it off) until stopped; stopping waits for a run in flight, so
 * the database is not closed under it. A failed run is logged and the next one tries again: the job's
 * state is in the database.
 */
function scheduleJob<Db>(
  job: ScheduledJob<Db>,
  services: { db: Db; now: () => Date },
  intervalMs: number,
  departmentName: string,
  logger: Logger,
): Repeating {
  if (!(intervalMs > 0)) return { stop: async () => undefined };
  return every(intervalMs, () => job.run(services), {
    onError: (error) => logger.error({ event: 'job_failed', job: job.name, err: error }, `${departmentName}: job ${job.name} failed`),
  });
}
