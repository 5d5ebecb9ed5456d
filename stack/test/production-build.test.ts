// The production build runs (issue 17, item 11): `npm run build` into a fresh folder, the production
// install there (`npm ci --omit=dev --omit=optional`, offline: the cache is warm after the repository's
// own `npm ci`; better-sqlite3 built from source by its allowed install script), then the whole stack
// started from the compiled JavaScript with plain node, no TypeScript loader, as in the image.
// Slow (about two minutes on two cores: the compile, the install, the native build). In a temporary
// folder, not the repository's build/: there a package missing from the install would be found in
// the development node_modules above it.
import { spawn, execFile as execFileCallback, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { postGraphQL } from '../src';
import { eventually, temporaryFolders } from '../src/jest';

const execFile = promisify(execFileCallback);
const ROOT = join(__dirname, '..', '..');
const temporary = temporaryFolders('production-build');
/** Tooling that must stay out of the runtime install: compilers, loaders, codegen, the bench's peers. */
const TOOLING = ['typescript', '@swc-node/register', '@swc/core', 'prisma', 'esbuild', 'autocannon', '@graphql-hive/gateway'];
const MAX_INSTALL_BYTES = 400 * 1024 * 1024;

describe('the production build', () => {
  let build = '';
  let stack: ChildProcess | undefined;
  const output: string[] = [];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(36).toString('base64url'),
    CALLER_CONTEXT_SECRET: randomBytes(36).toString('base64url'),
    HOST: '127.0.0.1',
    SEED_RESIDENTS: '200',
    DEPARTMENT_PROCESSES: '2',
    LOG_LEVEL: 'warn',
    ...Object.fromEntries(
      ['PORT', 'RESIDENTS', 'NEIGHBOURS', 'REQUESTS', 'ENFORCEMENT', 'PETITIONS', 'MONITORING', 'AUDIT'].map((name) => [
        name === 'PORT' ? name : `${name}_PORT`,
        '0',
      ]),
    ),
  };

  beforeAll(async () => {
    build = temporary();
    env['DATA_DIR'] = join(temporary(), 'data');
    await execFile(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), build], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    // npm's own variables of a surrounding `npm test` would point this install at the repository.
    const npmEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
    await execFile('npm', ['ci', '--omit=dev', '--omit=optional', '--offline', '--no-audit', '--no-fund'], {
      cwd: build,
      env: npmEnv,
      maxBuffer: 64 * 1024 * 1024,
    });
  }, 600_000);

  afterAll(async () => {
    if (!stack) return;
    // Ended once the launcher has exited and its output is closed: the department processes hold it too.
    const ended = Promise.all([
      stack.exitCode === null && stack.signalCode === null ? new Promise((resolve) => stack!.once('exit', resolve)) : undefined,
      ...[stack.stdout!, stack.stderr!].map((stream) =>
        stream.closed ? undefined : new Promise((resolve) => stream.once('close', resolve)),
      ),
    ]);
    if (stack.exitCode === null && stack.signalCode === null) stack.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const stopped = await Promise.race([
      ended.then(() => true),
      new Promise((resolve) => (timer = setTimeout(() => resolve(false), 20_000))),
    ]);
    clearTimeout(timer);
    // Not drained in time: the launcher and its department processes (one process group) end now.
    if (!stopped) process.kill(-stack.pid!, 'SIGKILL');
  }, 60_000);

  it('installs within the size target, without the TypeScript loader or any tooling, and with better-sqlite3 built', async () => {
    const { stdout } = await execFile('du', ['-sk', join(build, 'node_modules')]);
    const bytes = Number(stdout.split('\t')[0]) * 1024;
    expect(bytes).toBeLessThanOrEqual(MAX_INSTALL_BYTES);
    const installed = installedPackages(build);
    expect(TOOLING.filter((name) => installed.has(name))).toEqual([]);
    expect([...installed].filter((name) => name.startsWith('@graphql-codegen/'))).toEqual([]);
    // What the stack does need is there (the list above is checked against a real install).
    for (const name of ['graphql', 'type-graphql', '@prisma/client', 'better-sqlite3', '@apollo/gateway'])
      expect(installed.has(name)).toBe(true);
    expect(existsSync(join(build, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    expect(existsSync(join(build, 'scripts', 'register.js'))).toBe(false);
  });

  it('starts the whole stack with plain node, and a query through the gateway answers with data', async () => {
    stack = spawn(process.execPath, [join(build, 'stack', 'src', 'bin', 'start.js')], {
      cwd: build,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    for (const stream of [stack.stdout!, stack.stderr!]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => output.push(...chunk.split('\n').filter(Boolean)));
    }
    const context = () => `exit ${String(stack?.exitCode)}; output:\n${output.slice(-30).join('\n')}`;
    const gatewayLine = await eventually(async () => output.find((line) => /^gateway\s+http:/.test(line)), {
      tries: 600,
      pauseMs: 200,
      context,
    });
    const url = gatewayLine.split(/\s+/)[1]!;

    const health = await fetch(new URL('/health', url));
    const body: unknown = await health.json();
    expect(health.status).toBe(200);
    // A production gateway names no subgraph to an anonymous caller: the status alone.
    expect(body).toEqual({ status: 'ok' });

    // The built token command, with the same secrets: a grid worker of 多福社区第一网格.
    const { stdout: token } = await execFile(
      process.execPath,
      [join(build, 'stack', 'src', 'bin', 'token.js'), '--role', 'grid_worker', '--regions', 'r-210103-1-1-1'],
      { cwd: build, env },
    );
    const response = await postGraphQL<{ residents: { edges: { node: { name: string; idNumber: string } }[] } }>(
      url,
      { query: '{ residents(regionId: "r-210103-1-1-1", first: 3) { edges { node { name idNumber } } } }' },
      token.trim(),
    );
    expect(response.errors).toBeUndefined();
    const residents = response.data!.residents.edges.map((edge) => edge.node);
    expect(residents).toHaveLength(3);
    for (const resident of residents) {
      expect(resident.name).toMatch(/^\p{Script=Han}{2,4}$/u);
      // Decided at the source, as from the sources: the grid worker is cleared for PERSONAL, not SENSITIVE.
      expect(resident.idNumber).toMatch(/^\d{4}\*{14}$/);
    }
  }, 180_000);
});

/** Every package name under the install's node_modules folders, nested ones and the workspaces' own included. */
function installedPackages(dir: string): Set<string> {
  const names = new Set<string>();
  const walk = (modules: string) => {
    for (const entry of readdirSync(modules, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const scoped = entry.name.startsWith('@')
        ? readdirSync(join(modules, entry.name), { withFileTypes: true }).map((inner) => ({ name: `${entry.name}/${inner.name}`, inner }))
        : [{ name: entry.name, inner: entry }];
      for (const { name, inner } of scoped) {
        names.add(name);
        // Workspaces are links into the build; their own node_modules are walked from there below.
        if (!inner.isSymbolicLink() && existsSync(join(modules, name, 'node_modules'))) walk(join(modules, name, 'node_modules'));
      }
    }
  };
  walk(join(dir, 'node_modules'));
  const workspaces = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces.flatMap(
    (pattern) =>
      pattern.endsWith('/*') ? readdirSync(join(dir, pattern.slice(0, -2))).map((name) => `${pattern.slice(0, -2)}/${name}`) : [pattern],
  );
  for (const workspace of workspaces) if (existsSync(join(dir, workspace, 'node_modules'))) walk(join(dir, workspace, 'node_modules'));
  return names;
}
