// Faults with real processes: every subgraph and the gateway are child processes on loopback, killed
// and restarted by the test. Slow (about a minute), so behind LIANGLING_FAULT_TESTS=1 (CI sets it).
// With LIANGLING_TEST_POSTGRES_URL the departments run on a fresh PostgreSQL database, and the
// requests department reaches it through a proxy the test can cut: the database unavailable.
// Figures (rate held, RSS, requests lost) go to docs/reliability.md.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, Socket as NetSocket, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SUPERGRAPH_PATH } from '@liangling/schema';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { createTestDatabase, postGraphQL, signToken, type TestDatabase } from '../src';
import { DEPARTMENTS } from '../src/departments';
import { ENTRY_POINTS, startProcess, type ManagedProcess } from '../src/processes';
import { eventually, freePort, sleep, temporaryFolders, type EventuallyOptions } from '../src/jest';

const enabled = process.env['LIANGLING_FAULT_TESTS'] === '1';
const postgresServer = process.env['LIANGLING_TEST_POSTGRES_URL'];
const suite = enabled ? describe : describe.skip;

const RESIDENT = {
  role: 'resident' as const,
  sub: 'p-0000001',
  home: ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', 'r-210103-1-1-1'],
};
const GRID_WORKER = { role: 'grid_worker' as const, sub: 'gw-1', regions: ['r-210103-1-1-1'] };
const GRID_RESIDENTS = '{ residents(regionId: "r-210103-1-1-1", first: 5) { edges { node { id name repairRequests { id } } } } }';
const SUBMIT = 'mutation($input: SubmitRepairRequestInput!) { submitRepairRequest(input: $input) { id } }';

const secrets = { JWT_SECRET: randomBytes(32).toString('hex'), CALLER_CONTEXT_SECRET: randomBytes(32).toString('hex') };
const jwtKey = new TextEncoder().encode(secrets.JWT_SECRET);
let dataDir: string;
let database: TestDatabase | undefined;
let proxy: CuttableProxy | undefined;
const ports: Record<string, number> = {};
const processes = new Map<string, ManagedProcess>();
let gateway: ManagedProcess | undefined;
let gatewayUrl: string;
const logs: string[] = [];
const temporaryFolder = temporaryFolders('faults');

suite('faults, with every subgraph and the gateway as its own process', () => {
  beforeAll(async () => {
    dataDir = temporaryFolder();
    for (const department of DEPARTMENTS) ports[department.name] = await freePort();
    ports['gateway'] = await freePort();
    if (postgresServer) {
      database = await createTestDatabase(postgresServer);
      const target = new URL(database.url);
      proxy = await startProxy(Number(target.port || 5432), target.hostname);
    }
    await startSubgraph('audit');
    await Promise.all(DEPARTMENTS.filter((d) => d.name !== 'audit').map((d) => startSubgraph(d.name)));
    gatewayUrl = `http://127.0.0.1:${ports['gateway']}/graphql`;
    gateway = await startProcess({
      name: 'gateway',
      entry: ENTRY_POINTS.gateway,
      args: [SUPERGRAPH_PATH],
      env: {
        ...baseEnv(),
        PORT: String(ports['gateway']),
        SUBGRAPH_URLS: DEPARTMENTS.map((d) => `${d.name}=http://127.0.0.1:${ports[d.name]}/graphql`).join(','),
        LOG_LEVEL: 'warn',
        RATE_LIMIT_POINTS: '1000000',
        // A subgraph that is down is skipped quickly and tried again soon.
        CIRCUIT_COOLDOWN_MS: '1000',
      },
      readyUrl: `http://127.0.0.1:${ports['gateway']}/ready`,
      output: (line) => logs.push(line),
    });
  }, 180_000);

  afterAll(async () => {
    await gateway?.stop('SIGKILL');
    await Promise.all([...processes.values()].map((managed) => managed.stop('SIGKILL')));
    await proxy?.close();
    await database?.drop();
  }, 60_000);

  it('a subgraph killed mid-load: the rest of each answer stands with a clear error, and it comes back without a gateway restart', async () => {
    const token = await signToken(GRID_WORKER, jwtKey);
    const ask = () => postGraphQL<any>(gatewayUrl, { query: GRID_RESIDENTS }, token);
    const healthy = await ask();
    expect(healthy.errors).toBeUndefined();

    const load = runLoad(ask, 4);
    await sleep(500);
    await processes.get('requests')!.stop('SIGKILL');
    const during = await ask();
    expect(during.status).toBe(200);
    expect(during.data?.residents.edges.length).toBeGreaterThan(0);
    expect(during.data?.residents.edges[0].node.name).toEqual(expect.any(String));
    expect(during.errors?.[0]?.extensions?.['code']).toBe('SUBGRAPH_UNAVAILABLE');

    await startSubgraph('requests');
    const recovered = await settled(async () => {
      const response = await ask();
      return response.errors === undefined ? response : undefined;
    });
    expect(recovered.data?.residents.edges[0].node.repairRequests).toEqual(expect.any(Array));
    const outcomes = await load.stop();
    expect(outcomes.serverErrors).toBe(0);
    expect(outcomes.answered).toBeGreaterThan(0);
    console.log(`subgraph killed mid-load: ${outcomes.answered} answers, ${outcomes.partial} partial, 0 5xx`);
  }, 120_000);

  it('a subgraph killed with SIGKILL during a burst of submissions: every acknowledged request is stored exactly once after clients retry', async () => {
    const token = await signToken(RESIDENT, jwtKey);
    const keys = Array.from({ length: 80 }, (_, i) => `fault-burst-${i}`);
    const acknowledged = new Map<string, string>();
    const submit = async (clientKey: string) => {
      const response = await postGraphQL<any>(
        gatewayUrl,
        { query: SUBMIT, variables: { input: { category: 'HEATING', description: '暖气不热', contactPhone: '13812345678', clientKey } } },
        token,
      ).catch(() => undefined);
      const id = response?.data?.submitRepairRequest?.id as string | undefined;
      if (!id) return false;
      const earlier = acknowledged.get(clientKey);
      // The same key must always answer the same request.
      if (earlier && earlier !== id) throw new Error(`client key ${clientKey} answered ${earlier} and then ${id}`);
      acknowledged.set(clientKey, id);
      return true;
    };
    // Eight clients, ten submissions each; the department dies a few submissions in.
    const burst = Promise.all(
      Array.from({ length: 8 }, (_, client) =>
        (async () => {
          for (const key of keys.slice(client * 10, client * 10 + 10)) await submit(key);
        })(),
      ),
    );
    // Killed mid-burst: once a quarter of the submissions are acknowledged, while the rest are in flight.
    await settled(async () => (acknowledged.size >= 20 ? true : undefined), { tries: 400, pauseMs: 10 });
    await processes.get('requests')!.stop('SIGKILL');
    await burst;
    const beforeRestart = acknowledged.size;
    await startSubgraph('requests');
    // Clients retry everything they sent, acknowledged or not: a retry must not make a second request.
    await settled(async () => {
      let all = true;
      for (const key of keys) all = (await submit(key)) && all;
      return all ? true : undefined;
    });
    const stored = await countByClientKey(keys);
    expect(stored.size).toBe(keys.length);
    for (const key of keys) expect(stored.get(key)).toEqual({ count: 1, id: acknowledged.get(key) });
    console.log(
      `SIGKILL during a burst: ${beforeRestart} acknowledged before the kill, ${keys.length} after retries, ${keys.length} stored, 0 duplicated, 0 lost`,
    );
  }, 120_000);

  (postgresServer ? it : it.skip)(
    'the database unavailable: clear errors, no crash, and recovery when it returns',
    async () => {
      const token = await signToken(RESIDENT, jwtKey);
      const mine = () => postGraphQL<any>(gatewayUrl, { query: '{ me { name repairRequests { id } } }' }, token);
      expect((await mine()).errors).toBeUndefined();
      proxy!.cut();
      const down = await mine();
      expect(down.status).toBe(200);
      // The residents' part stands; the requests department says what failed without crashing.
      expect(down.data?.me?.name).toEqual(expect.any(String));
      expect(down.errors?.length).toBeGreaterThan(0);
      const health = await fetch(`http://127.0.0.1:${ports['requests']}/ready`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ reason: 'database' });
      expect(processes.get('requests')!.child.exitCode).toBeNull();
      proxy!.restore();
      const back = await settled(async () => {
        const response = await mine();
        return response.errors === undefined ? response : undefined;
      });
      expect(back.data?.me?.repairRequests).toEqual(expect.any(Array));
      expect((await fetch(`http://127.0.0.1:${ports['requests']}/ready`)).status).toBe(200);
      // The operator reads one line for the loss and one for the recovery, not a stack trace per request.
      // The child's log lines reach this process through a pipe, after the answers that follow them.
      const eventsOf = () =>
        logs
          .filter((line) => line.startsWith('requests: ') && /"event":"database_(lost|recovered)"/.test(line))
          .map((line) => /"event":"(\w+)"/.exec(line)?.[1]);
      const events = await settled(async () => (eventsOf().includes('database_recovered') ? eventsOf() : undefined), {
        tries: 50,
        pauseMs: 100,
      });
      expect(events).toEqual(['database_lost', 'database_recovered']);
    },
    120_000,
  );

  it('a steady load for 20 s: no 5xx, and the gateway’s memory stays flat', async () => {
    const token = await signToken(GRID_WORKER, jwtKey);
    const pid = gateway!.child.pid!;
    // Warm up, so the first figure is the working size rather than start-up.
    await runAutocannon(token, 5, 40);
    const rssStart = rssOf(pid);
    const result = await runAutocannon(token, 20, 40);
    const rssEnd = rssOf(pid);
    const fiveXX = result['5xx'];
    console.log(
      `load: ${result.requests.total} requests in 20 s at a target of 40/s (${result.requests.average}/s held), non-2xx ${result.non2xx}, 5xx ${fiveXX}, errors ${result.errors}, timeouts ${result.timeouts}; gateway RSS ${mb(rssStart)} → ${mb(rssEnd)} MB`,
    );
    expect(fiveXX).toBe(0);
    expect(result.errors).toBe(0);
    expect(result.requests.total).toBeGreaterThan(0);
    // Flat: what a leak of a few kilobytes per request would break (800 requests), with room for GC.
    expect(rssEnd).toBeLessThan(rssStart * 1.3 + 30 * 1024 * 1024);
  }, 120_000);
});

function baseEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_RESIDENTS: '400',
    JOB_INTERVAL_SECONDS: '0',
    ...secrets,
  };
}

async function startSubgraph(name: string): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    ...Object.fromEntries(DEPARTMENTS.map((d) => [`${d.name.toUpperCase()}_PORT`, String(ports[d.name])])),
    AUDIT_URL: `http://127.0.0.1:${ports['audit']}`,
    // One resident files the whole burst (80 requests): this is about recovery, not the daily limit.
    SUBMISSIONS_PER_DAY: '1000',
  };
  if (database) {
    env['DATABASE_URL'] = database.url;
    // The requests department reaches its database through the cuttable proxy.
    const viaProxy = new URL(database.url);
    viaProxy.port = String(proxy!.port);
    viaProxy.searchParams.set('schema', 'requests');
    env['REQUESTS_DATABASE_URL'] = viaProxy.toString();
  }
  processes.set(
    name,
    await startProcess({
      name,
      entry: ENTRY_POINTS.subgraph,
      args: [name],
      env,
      readyUrl: `http://127.0.0.1:${ports[name]}/ready`,
      readyTimeoutMs: 120_000,
      output: (line) => logs.push(line),
    }),
  );
}

/** Stored requests of the resident by client key, read from the department's database itself. */
async function countByClientKey(keys: readonly string[]): Promise<Map<string, { count: number; id: string }>> {
  const sql = `SELECT "clientKey", COUNT(*) AS "count", MIN("id") AS "id" FROM "RepairRequest" WHERE "submittedById" = 'p-0000001' AND "clientKey" LIKE 'fault-burst-%' GROUP BY "clientKey"`;
  let rows: { clientKey: string; count: number | string; id: string }[];
  if (database) {
    const client = new Client({ connectionString: database.url, options: '-c search_path=requests' });
    await client.connect();
    try {
      rows = (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  } else {
    const file = new Database(join(dataDir, 'requests.db'), { readonly: true });
    try {
      rows = file.prepare(sql).all() as typeof rows;
    } finally {
      file.close();
    }
  }
  return new Map(
    rows.filter((row) => keys.includes(row.clientKey)).map((row) => [row.clientKey, { count: Number(row.count), id: row.id }]),
  );
}

/** A few clients asking in a loop until stopped; counts answers, partial answers and 5xx. */
function runLoad(ask: () => Promise<{ status: number; errors?: readonly unknown[] }>, clients: number) {
  let running = true;
  const outcomes = { answered: 0, partial: 0, serverErrors: 0 };
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      const response = await ask().catch(() => ({ status: 599, errors: [] }));
      if (response.status >= 500) outcomes.serverErrors += 1;
      else outcomes.answered += 1;
      if (response.errors) outcomes.partial += 1;
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

function runAutocannon(token: string, seconds: number, rate: number): Promise<autocannon.Result> {
  return autocannon({
    url: gatewayUrl,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: GRID_RESIDENTS }),
    connections: 8,
    overallRate: rate,
    duration: seconds,
  });
}

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((row) => row.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
/** `eventually` (stack/src/jest.ts), saying on giving up what the processes said last. */
function settled<T>(attempt: () => Promise<T | undefined>, options: EventuallyOptions = {}): Promise<T> {
  return eventually(attempt, { ...options, context: () => `last process output:\n${logs.slice(-20).join('\n')}` });
}

interface CuttableProxy {
  readonly port: number;
  /** Drops every connection and refuses new ones: the database is gone. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/** A loopback TCP proxy to PostgreSQL that the test can cut, as a network partition or a stopped server would. */
async function startProxy(targetPort: number, targetHost: string): Promise<CuttableProxy> {
  let open = true;
  const sockets = new Set<Socket>();
  const server: Server = createServer((incoming) => {
    if (!open) return incoming.destroy();
    const outgoing = new NetSocket();
    outgoing.connect(targetPort, targetHost);
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    incoming.pipe(outgoing).pipe(incoming);
    incoming.on('close', () => outgoing.destroy());
    outgoing.on('close', () => incoming.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    cut: () => {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore: () => {
      open = true;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
