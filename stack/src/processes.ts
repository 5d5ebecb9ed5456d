import { spawn, type ChildProcess } from 'node:child_process';
import { extname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
// `.ts` in the repository, `.js` in the build (npm run build): the entry points are of the same kind.
const EXT = extname(__filename);

/** The entry points a distributed deployment runs, one process each. */
export const ENTRY_POINTS = {
  subgraph: join(ROOT, 'stack', 'src', 'bin', `start-subgraph${EXT}`),
  gateway: join(ROOT, 'gateway', 'src', 'bin', `gateway${EXT}`),
} as const;

/** The node options that run `entry`: TypeScript through the repository's loader, JavaScript as it is. */
export function loaderFor(entry: string): string[] {
  return entry.endsWith('.ts') ? ['-r', join(ROOT, 'scripts', 'register.js')] : [];
}

export interface ProcessOptions {
  /** For logs: `residents`, `gateway:4010`. */
  readonly name: string;
  readonly entry: string;
  readonly args?: readonly string[];
  /** The whole environment of the process (not merged with this one's). */
  readonly env: NodeJS.ProcessEnv;
  /** Polled until it answers 200: the process is ready. */
  readonly readyUrl: string;
  /** How long to wait for it. @default 60000 */
  readonly readyTimeoutMs?: number;
  /** Where its output goes. @default inherit (this process's stdout and stderr) */
  readonly output?: 'inherit' | 'ignore' | ((line: string) => void);
}

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  readonly exited: Promise<number | NodeJS.Signals>;
  /** Sends a signal (SIGTERM drains, SIGKILL is a crash) and waits for the end. */
  stop(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals>;
}

/** Starts an entry point (TypeScript or built) as its own Node process and waits until it is ready. */
export async function startProcess(options: ProcessOptions): Promise<ManagedProcess> {
  const output = options.output ?? 'inherit';
  const child = spawn(process.execPath, [...loaderFor(options.entry), options.entry, ...(options.args ?? [])], {
    cwd: ROOT,
    env: options.env,
    stdio: ['ignore', typeof output === 'function' ? 'pipe' : output, typeof output === 'function' ? 'pipe' : output],
  });
  if (typeof output === 'function') {
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) output(`${options.name}: ${line}`);
      });
    }
  }
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? 0)));
  let ended = false;
  void exited.then(() => (ended = true));
  const managed: ManagedProcess = {
    name: options.name,
    child,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (!ended) child.kill(signal);
      return exited;
    },
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (ended) throw new Error(`${options.name} exited before it was ready (${String(await exited)})`);
    try {
      const response = await fetch(options.readyUrl, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return managed;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await managed.stop('SIGKILL');
      throw new Error(`${options.name} was not ready at ${options.readyUrl} within ${options.readyTimeoutMs ?? 60_000} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
