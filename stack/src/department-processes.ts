import { fork, type ChildProcess } from 'node:child_process';
import { extname, join } from 'node:path';
import type { PostgresSettings } from './databases';
import { loaderFor } from './processes';

const WORKER = join(__dirname, `department-worker${extname(__filename)}`);

/** What a department process is told to run, over IPC (keys as text: they never touch argv or the environment). */
export interface WorkerStart {
  readonly type: 'start';
  readonly departments: readonly string[];
  readonly dataDir: string;
  readonly seedResidents: number;
  readonly host: string;
  readonly ports: Readonly<Record<string, number>>;
  readonly development: boolean;
  readonly jobIntervalMs?: number;
  readonly submissionsPerDay?: number;
  readonly postgres?: PostgresSettings;
  readonly callerKey: string;
}

export type WorkerMessage =
  | { readonly type: 'ready'; readonly urls: Readonly<Record<string, string>> }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'audit-set' }
  | { readonly type: 'subgraph-stopped'; readonly name: string };

export type ParentMessage =
  | WorkerStart
  | { readonly type: 'audit'; readonly url: string }
  | { readonly type: 'stop-subgraph'; readonly name: string }
  | { readonly type: 'stop' };

export interface DepartmentProcesses {
  /** Each subgraph's `/graphql`, by name. */
  readonly urls: Readonly<Record<string, string>>;
  readonly pids: readonly number[];
  stopSubgraph(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Splits the departments over `count` groups, heaviest first, so that the departments one request
 * joins (residents and requests) land on different processes; with two or more, the audit service
 * gets a small process of its own besides, so that every reveal's record is written without waiting
 * behind a busy department's work (measured: beside residents, its appends timed out under load and
 * reveals were masked). With two: residents + neighbours + enforcement, requests + petitions +
 * monitoring, and audit.
 */
export function groupDepartments(names: readonly string[], count: number): string[][] {
  const byLoad = ['residents', 'requests', 'neighbours', 'petitions', 'enforcement', 'monitoring'];
  const alone = count >= 2 && names.includes('audit') ? ['audit'] : [];
  const ordered = names.filter((name) => !alone.includes(name)).sort((a, b) => rank(byLoad, a) - rank(byLoad, b));
  const groups: string[][] = Array.from({ length: Math.max(1, Math.min(count, ordered.length)) }, () => []);
  ordered.forEach((name, i) => groups[i % groups.length]!.push(name));
  return [...groups.filter((group) => group.length > 0), ...(alone.length ? [alone] : [])];
}

const rank = (order: readonly string[], name: string) => (order.includes(name) ? order.indexOf(name) : order.length);

/**
 * Starts the departments in child processes, a group per process, all at once: each opens (and on
 * first start seeds) its departments' databases and serves them; once all are up, every process is
 * told where the audit service is (it may be in another), so that reveals are recorded from the start.
 * Crash of one process: its departments are gone (the gateway answers SUBGRAPH_UNAVAILABLE for them),
 * the others go on, and the crash is logged.
 */
export async function startDepartmentProcesses(
  groups: readonly (readonly string[])[],
  base: Omit<WorkerStart, 'type' | 'departments'>,
): Promise<DepartmentProcesses> {
  const children: { child: ChildProcess; departments: readonly string[] }[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    await Promise.allSettled(children.map(({ child }) => stopChild(child)));
  };
  try {
    const started = await Promise.all(
      groups.map(async (departments) => {
        const child = fork(WORKER, [], {
          execArgv: [...loaderFor(WORKER), ...inheritedNodeOptions()],
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        children.push({ child, departments });
        child.once('exit', (code, signal) => {
          if (!stopping)
            console.error(
              `departments ${departments.join(', ')}: their process ended (${signal ?? code}); the gateway answers SUBGRAPH_UNAVAILABLE for them until a restart`,
            );
        });
        child.send({ type: 'start', departments, ...base } satisfies WorkerStart);
        const ready = await next(child, 'ready');
        if (ready.type !== 'ready')
          throw new Error(`departments ${departments.join(', ')}: ${ready.type === 'failed' ? ready.message : ready.type}`);
        return ready.urls;
      }),
    );
    const urls: Record<string, string> = Object.assign({}, ...started);
    const audit = urls['audit'];
    if (audit) {
      const records = new URL('/records', audit).toString();
      await Promise.all(
        children.map(async ({ child }) => {
          child.send({ type: 'audit', url: records } satisfies ParentMessage);
          await next(child, 'audit-set');
        }),
      );
    }
    return {
      urls,
      pids: children.map(({ child }) => child.pid ?? 0),
      stopSubgraph: async (name) => {
        const owner = children.find(({ departments }) => departments.includes(name));
        if (!owner) throw new Error(`no subgraph ${name}`);
        owner.child.send({ type: 'stop-subgraph', name } satisfies ParentMessage);
        await next(owner.child, 'subgraph-stopped');
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The parent's heap cap and CPU profiling reach the department processes (each writes its own
 * profile into the same folder, under a name of its own).
 */
function inheritedNodeOptions(): string[] {
  return process.execArgv.filter(
    (arg) => arg.startsWith('--max-old-space-size') || arg === '--cpu-prof' || arg.startsWith('--cpu-prof-dir'),
  );
}

/** The child's next message of a type (or a failure), rejecting if it exits first. */
function next(child: ChildProcess, type: WorkerMessage['type']): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanUp();
      reject(new Error(`a department process ended (${signal ?? code}) before it was ${type}`));
    };
    const onMessage = (message: WorkerMessage) => {
      if (message.type !== type && message.type !== 'failed') return;
      cleanUp();
      resolve(message);
    };
    const cleanUp = () => {
      child.off('exit', onExit);
      child.off('message', onMessage);
    };
    child.on('exit', onExit);
    child.on('message', onMessage);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
  else child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}
