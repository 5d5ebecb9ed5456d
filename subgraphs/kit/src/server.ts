import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { CALLER_CONTEXT_HEADER, codedError, maskUnexpectedErrors, signCallerContext, verifyCallerContext, type Caller } from '@liangling/schema';
import express from 'express';
import { auditPlugin } from './audit/plugin';
import type { AuditSink } from './audit/record';
import { RevealLog } from './audit/reveal-log';
import type { DepartmentContext } from './context';
import type { DatabaseClient } from './db/open';
import type { Department, ScheduledJob } from './department';
import { buildDepartmentSchema } from './schema/build';

export interface DepartmentServerOptions<Db> {
  readonly department: Department<any, any, any>;
  readonly db: Db;
  /** Key shared with the gateway for caller contexts. */
  readonly callerKey: Uint8Array;
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
  const { schema } = await buildDepartmentSchema(department);
  const app = express();
  const httpServer: Server = createServer(app);
  const server = new ApolloServer<DepartmentContext>({
    schema,
    includeStacktraceInErrorResponses: options.development ?? false,
    formatError: maskUnexpectedErrors,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      auditPlugin({ subgraph: department.name, sink: options.audit }),
    ],
  });
  await server.start();

  // `/health` and `/ready`: answering needs the database (the gateway's health report, readiness
  // probes). `/live`: the process serves at all (liveness probes: restarting it cannot bring back a
  // database, so a database outage must not fail it).
  app.get(['/health', '/ready'], async (_req, res) => {
    try {
      await db.$queryRawUnsafe('SELECT 1');
      res.json({ status: 'ok', subgraph: department.name });
    } catch {
      res.status(503).json({ status: 'unavailable', subgraph: department.name, reason: 'database' });
    }
  });
  app.get('/live', (_req, res) => {
    res.json({ status: 'ok', subgraph: department.name });
  });
  if (department.routes) {
    const router = express.Router();
    department.routes(router, { db, callerKey: options.callerKey });
    app.use(router);
  }
  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    expressMiddleware(server, {
      context: async ({ req }) => {
        const verified = await verifyCallerContext(req.header(CALLER_CONTEXT_HEADER), options.callerKey);
        if (!verified.ok) throw codedError('INVALID_CALLER_CONTEXT', `Subgraphs answer the gateway only: ${verified.reason}.`);
        return {
          caller: verified.caller,
          db,
          loaders: department.loaders(db),
          requestId: req.header('x-request-id') ?? randomUUID(),
          reveals: new RevealLog(),
          now: clock,
          peer: (name: string, route: string, body: unknown) => callPeer(options, name, route, body),
        };
      },
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const jobs = (department.jobs ?? []).map((job: ScheduledJob<Db>) => scheduleJob(job, { db, now: clock }, options.jobIntervalMs ?? job.defaultIntervalMs, department.name));
  return {
    name: department.name,
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      await Promise.all(jobs.map((job) => job.stop()));
      await server.stop();
    },
  };
}

/** Posts to another department's route, signed as this department's service (as audit records are). */
async function callPeer(options: DepartmentServerOptions<unknown>, name: string, route: string, body: unknown): Promise<unknown> {
  const base = options.peers?.(name);
  if (!base) throw new Error(`${name} is not reachable from ${options.department.name}`);
  const context = await signCallerContext({ role: 'service', sub: `subgraph:${options.department.name}`, regions: [] }, options.callerKey);
  const send = () =>
    fetch(new URL(route, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_CONTEXT_HEADER]: context },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(3000),
    });
  // A read, so safe to repeat once: a pooled keep-alive connection the peer has just closed fails
  // with a reset, and the lookup would otherwise withhold what it grants for no reason.
  const response = await send().catch(send);
  if (!response.ok) throw new Error(`${name} answered ${response.status}`);
  return response.json();
}

/** The department calling a route through `context.peer()`, or undefined when the call is not signed by one. */
export async function peerCaller(header: string | undefined, callerKey: Uint8Array): Promise<string | undefined> {
  const verified = await verifyCallerContext(header, callerKey);
  const caller: Caller | undefined = verified.ok ? verified.caller : undefined;
  return caller?.role === 'service' && caller.sub?.startsWith('subgraph:') ? caller.sub.slice('subgraph:'.length) : undefined;
}

/**
 * Runs a job every `intervalMs` (never two runs of it at once: a slow run delays the next) until
 * stopped; stopping waits for a run in flight, so the database is not closed under it. A failed run is
 * logged and the next one tries again: the job's state is in the database.
 */
function scheduleJob<Db>(job: ScheduledJob<Db>, services: { db: Db; now: () => Date }, intervalMs: number, departmentName: string): { stop(): Promise<void> } {
  if (!(intervalMs > 0)) return { stop: async () => undefined };
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = job
      .run(services)
      .catch((error: unknown) => console.error(`${departmentName}: job ${job.name} failed:`, error))
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  // A job alone must not keep the process alive.
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
