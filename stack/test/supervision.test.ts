// Supervision: `npm run start:distributed` restarts what dies. The crash-loop bound runs with a tiny
// process of its own (fast); the whole launcher, with a subgraph killed by SIGKILL, is a slow test of
// real processes, behind LIANGLING_FAULT_TESTS=1 as the other fault tests (CI sets it).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, postGraphQL, signToken, type TestDatabase } from '../src';
import { DEPARTMENTS } from '../src/departments';
import { eventually, freePort, temporaryFolders } from '../src/jest';
import { supervise, type SupervisorEvent } from '../src/supervisor';

const ROOT = join(__dirname, '..', '..');
const temporary = temporaryFolders('supervision');
describe('supervise()', () => {
  it('restarts a process that dies, with the same environment, and gives up on a crash loop', async () => {
    const folder = temporary();
    const port = await freePort();
    // Ready at once, dead soon after: a crash loop. It writes what it was given, to show the same environment each time.
    const entry = join(folder, 'crashy.js');
    writeFileSync(
      entry,
      `require('node:fs').appendFileSync(${JSON.stringify(join(folder, 'runs'))}, process.env.MARK + '\\n');
       const server = require('node:http').createServer((_q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');
       setTimeout(() => process.exit(3), 300);`,
    );
    const events: SupervisorEvent[] = [];
    const supervised = await supervise(
      {
        name: 'crashy',
        entry,
        env: { PATH: process.env['PATH'], PORT: String(port), MARK: 'same-env' },
        readyUrl: `http://127.0.0.1:${port}/`,
        output: 'ignore',
      },
      { backoffMs: 50, maxCrashes: 3, windowMs: 30_000, onEvent: (event) => events.push(event) },
    );
    await supervised.gaveUp;
    expect(events.map((event) => event.kind)).toEqual(['started', 'crashed', 'started', 'crashed', 'started', 'gave-up']);
    const crashed = events.filter((event) => event.kind === 'crashed') as Extract<SupervisorEvent, { kind: 'crashed' }>[];
    expect(crashed.map((event) => event.restartInMs)).toEqual([50, 100]);
    expect(crashed[0]!.exit).toBe(3);
    expect(readFileSync(join(folder, 'runs'), 'utf8').trim().split('\n')).toEqual(['same-env', 'same-env', 'same-env']);
    expect(supervised.current()).toBeUndefined();
    await supervised.stop();
  }, 30_000);
});

const faultTests = process.env['LIANGLING_FAULT_TESTS'] === '1';

(faultTests ? describe : describe.skip)('npm run start:distributed', () => {
  let launcher: ChildProcess | undefined;
  let database: TestDatabase | undefined;
  afterAll(async () => {
    if (launcher && launcher.exitCode === null) {
      launcher.kill('SIGTERM');
      await new Promise((resolve) => launcher!.once('exit', resolve));
    }
    await database?.drop();
  }, 60_000);

  it('brings a subgraph killed with SIGKILL back by itself, and whole answers resume', async () => {
    const dataDir = temporary();
    const ports = Object.fromEntries(
      await Promise.all([...DEPARTMENTS.map((d) => d.name), 'gateway'].map(async (name) => [name, await freePort()] as const)),
    );
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_RESIDENTS: '200',
      JOB_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'warn',
      GATEWAY_REPLICA_PORTS: String(ports['gateway']),
      ...Object.fromEntries(DEPARTMENTS.map((d) => [`${d.name.toUpperCase()}_PORT`, String(ports[d.name])])),
      ...(process.env['REDIS_URL'] ? { REDIS_URL: process.env['REDIS_URL'] } : {}),
    };
    const postgresServer = process.env['LIANGLING_TEST_POSTGRES_URL'];
    if (postgresServer) {
      database = await createTestDatabase(postgresServer);
      env['DATABASE_URL'] = database.url;
    }
    const lines: string[] = [];
    launcher = spawn(
      process.execPath,
      ['-r', join(ROOT, 'scripts', 'register.js'), join(ROOT, 'stack', 'src', 'bin', 'start-distributed.ts')],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    for (const stream of [launcher.stdout!, launcher.stderr!]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
    }
    const line = (pattern: RegExp) =>
      eventually(async () => lines.find((candidate) => pattern.test(candidate)), { tries: 1200, pauseMs: 200 });
    await line(/processes, supervised/);
    const gatewayUrl = `http://127.0.0.1:${ports['gateway']}/graphql`;
    const token = await signToken(
      { role: 'grid_worker', sub: 'gw-1', regions: ['r-210103-1-1-1'] },
      new TextEncoder().encode(keysOf(dataDir).jwtSecret),
    );
    const ask = () =>
      postGraphQL<any>(
        gatewayUrl,
        { query: '{ residents(regionId: "r-210103-1-1-1", first: 3) { edges { node { id name repairRequests { id } } } } }' },
        token,
      );
    const before = await ask();
    expect(before.errors).toBeUndefined();

    const pid = Number(/pid (\d+)/.exec(await line(/supervisor: requests running \(pid \d+\)/))![1]);
    process.kill(pid, 'SIGKILL');
    await line(/supervisor: requests ended \(SIGKILL\); restarting/);
    await line(/supervisor: requests running \(pid \d+, restart 1\)/);
    const whole = await eventually(
      async () => {
        const response = await ask();
        return response.errors === undefined ? response : undefined;
      },
      { tries: 150, pauseMs: 200 },
    );
    expect(whole.data.residents.edges[0].node.repairRequests).toEqual(expect.any(Array));
    expect(whole.data.residents.edges.map((edge: any) => edge.node.id)).toEqual(
      before.data.residents.edges.map((edge: any) => edge.node.id),
    );
  }, 300_000);
});

function keysOf(dataDir: string): { jwtSecret: string } {
  // The development keys the launcher wrote (no secrets in its environment): what `npm run token` reads.
  return JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8')) as { jwtSecret: string };
}
