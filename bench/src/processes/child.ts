import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { stopOnSignals } from '@liangling/runtime';

/** What a bench child process tells its parent once it serves. */
export interface ChildReady {
  readonly ready: true;
  readonly url: string;
  /** For the subgraphs process: each subgraph's `/graphql`, by name. */
  readonly subgraphs?: Readonly<Record<string, string>>;
}

/** A server running in a child process of its own, so its memory and CPU are its own. */
export interface BenchChild {
  readonly name: string;
  readonly pid: number;
  readonly ready: ChildReady;
  /** Resident set size now, in bytes (from /proc; 0 where there is none). */
  rss(): number;
  /**
   * CPU time used so far by the process and every process it started (the department processes), in
   * milliseconds (user + system, from /proc): per request, the cost that a busy shared machine does
   * not distort the way it distorts throughput.
   */
  cpuMs(): number;
  /** Asks the child to stop cleanly (so `--cpu-prof` writes its profile) and waits for it to exit. */
  stop(): Promise<void>;
}

const REGISTER = join(__dirname, '..', '..', '..', 'scripts', 'register.js');

/** Starts `processes/<entry>.ts` under the TypeScript loader and waits until it says it serves. */
export async function startChild(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  execArgv: readonly string[] = [],
): Promise<BenchChild> {
  const child = fork(join(__dirname, `${entry}.ts`), [], {
    execArgv: ['-r', REGISTER, ...execArgv],
    env: { ...process.env, ...env },
    // Request logs (our gateway's JSON lines) go nowhere; errors stay visible.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await new Promise<ChildReady>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${name} exited (${code}) before it served`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as ChildReady);
    });
  });
  return {
    name,
    pid: child.pid ?? 0,
    ready,
    rss: () => rssOf(child),
    cpuMs: () => cpuMsOfTree(child.pid ?? 0),
    stop: () => stopChild(child),
  };
}

function rssOf(child: ChildProcess): number {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

const TICKS_PER_SECOND = 100;

/** utime + stime of a process and its descendants, in milliseconds (0 where /proc is absent). */
function cpuMsOfTree(root: number): number {
  let stats: { pid: number; ppid: number; ticks: number }[];
  try {
    stats = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .flatMap((name) => {
        try {
          // Fields after the command name (which may hold spaces) start at its closing parenthesis.
          const text = readFileSync(`/proc/${name}/stat`, 'utf8');
          const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
          return [{ pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }];
        } catch {
          return [];
        }
      });
  } catch {
    return 0;
  }
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const stat of stats) {
      if (!inTree.has(stat.pid) && inTree.has(stat.ppid)) {
        inTree.add(stat.pid);
        grew = true;
      }
    }
  }
  return (stats.filter((stat) => inTree.has(stat.pid)).reduce((total, stat) => total + stat.ticks, 0) * 1000) / TICKS_PER_SECOND;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send('stop');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The child's side: starts the server, reports its URL to the parent, and stops (then exits, so that
 * profiles are written) when the parent says so, goes away, or sends SIGTERM.
 */
export function serveInChild(start: () => Promise<{ url: string; subgraphs?: Record<string, string>; stop: () => Promise<void> }>): void {
  start().then(
    (running) => {
      const shutdown = stopOnSignals(() => running.stop(), { signals: ['SIGTERM'] });
      process.on('message', (message) => message === 'stop' && void shutdown.begin());
      process.on('disconnect', () => void shutdown.begin());
      const ready: ChildReady = { ready: true, url: running.url, ...(running.subgraphs ? { subgraphs: running.subgraphs } : {}) };
      process.send?.(ready);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** Serves `server` on a free loopback port; `close()` ends its open connections and waits until it is closed. */
export async function listenLocally(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The settings every child reads from its environment, set by the parent. */
export function benchEnv(): { dataDir: string; supergraphPath: string } {
  const dataDir = process.env['BENCH_DATA_DIR'];
  const supergraphPath = process.env['BENCH_SUPERGRAPH'] ?? '';
  if (!dataDir) throw new Error('BENCH_DATA_DIR is not set: bench processes are started by `npm run bench`');
  return { dataDir, supergraphPath };
}
