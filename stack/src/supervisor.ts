import { setTimeout as delay } from 'node:timers/promises';
import { startProcess, type ManagedProcess, type ProcessOptions } from './processes';

export interface SupervisionOptions {
  /** Wait before the first restart; doubled for each further crash within `windowMs`. @default 500 */
  readonly backoffMs?: number;
  /** Longest wait between restarts. @default 10000 */
  readonly maxBackoffMs?: number;
  /** Crashes within `windowMs` after which the process is given up on (a crash loop). @default 5 */
  readonly maxCrashes?: number;
  /** @default 60000 */
  readonly windowMs?: number;
  /** Told of every start, crash, restart and of giving up: the launcher logs them. */
  readonly onEvent?: (event: SupervisorEvent) => void;
}

export type SupervisorEvent =
  | { readonly kind: 'started'; readonly name: string; readonly pid: number; readonly restarts: number }
  | { readonly kind: 'crashed'; readonly name: string; readonly exit: number | NodeJS.Signals | string; readonly restartInMs: number }
  | { readonly kind: 'gave-up'; readonly name: string; readonly crashes: number; readonly windowMs: number };

export interface SupervisedProcess {
  readonly name: string;
  /** The process running now, if any. */
  current(): ManagedProcess | undefined;
  /** How many times it was restarted. */
  restarts(): number;
  /** Resolves once the supervisor gave up on a crash loop (never, if it is stopped first). */
  readonly gaveUp: Promise<void>;
  /** Stops supervising and stops the process (SIGTERM drains). */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts a process and keeps it running: when it ends without being asked to, it is started again
 * with the same entry point, arguments and environment, after a backoff that doubles with each crash
 * in the window; after `maxCrashes` crashes within `windowMs` it is a crash loop, reported and given
 * up on (restarting faster would not help: read its log). Resolves once the first start is ready.
 */
export async function supervise(options: ProcessOptions, supervision: SupervisionOptions = {}): Promise<SupervisedProcess> {
  const backoffMs = supervision.backoffMs ?? 500;
  const maxBackoffMs = supervision.maxBackoffMs ?? 10_000;
  const maxCrashes = supervision.maxCrashes ?? 5;
  const windowMs = supervision.windowMs ?? 60_000;
  const report = supervision.onEvent ?? (() => undefined);
  let running: ManagedProcess | undefined = await startProcess(options);
  let stopped = false;
  let restarts = 0;
  const crashes: number[] = [];
  let giveUp!: () => void;
  const gaveUp = new Promise<void>((resolve) => (giveUp = resolve));
  report({ kind: 'started', name: options.name, pid: running.child.pid ?? 0, restarts });

  const keepRunning = async (first: ManagedProcess) => {
    let exit: number | NodeJS.Signals | string = await first.exited;
    while (!stopped) {
      running = undefined;
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && crashes[0]! < now - windowMs) crashes.shift();
      if (crashes.length >= maxCrashes) {
        report({ kind: 'gave-up', name: options.name, crashes: crashes.length, windowMs });
        giveUp();
        return;
      }
      const wait = Math.min(maxBackoffMs, backoffMs * 2 ** (crashes.length - 1));
      report({ kind: 'crashed', name: options.name, exit, restartInMs: wait });
      await delay(wait);
      if (stopped) return;
      try {
        const next = await startProcess(options);
        restarts += 1;
        if (stopped) {
          await next.stop('SIGTERM');
          return;
        }
        running = next;
        report({ kind: 'started', name: options.name, pid: next.child.pid ?? 0, restarts });
        exit = await next.exited;
      } catch (error) {
        // It ended before it was ready, or was not ready in time: a crash like any other.
        exit = (error as Error).message;
      }
    }
  };
  void keepRunning(running);

  return {
    name: options.name,
    current: () => running,
    restarts: () => restarts,
    gaveUp,
    stop: async (signal = 'SIGTERM') => {
      stopped = true;
      await running?.stop(signal);
    },
  };
}
