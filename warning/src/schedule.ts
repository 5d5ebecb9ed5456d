import { runEngine, type EngineOptions, type EngineRun } from './engine';

export interface WarningScheduleOptions extends Omit<EngineOptions, 'now' | 'token'> {
  /** The service token for a run, asked before each (tokens expire; a schedule runs for months). */
  readonly token: () => string | Promise<string>;
  /** Milliseconds between runs; the first run starts at once. */
  readonly intervalMs: number;
  /** The clock each run reads. @default the system clock */
  readonly clock?: () => Date;
  /** Told after every run (logs). @default nothing */
  readonly onRun?: (run: EngineRun) => void;
  /** Told when a run throws (it should not: failures are in the run). @default console.error */
  readonly onError?: (error: unknown) => void;
}

export interface WarningSchedule {
  /** Stops the schedule and waits for a run in flight. */
  stop(): Promise<void>;
}

/**
 * Runs the engine now and then every `intervalMs`, never two runs at once, until stopped. Alerts are
 * idempotent on their dedupe keys, so a run repeated after a restart raises nothing twice.
 */
export function startWarningSchedule(options: WarningScheduleOptions): WarningSchedule {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = Promise.resolve(options.token())
      .then((token) => runEngine({ ...options, token, now: options.clock?.() ?? new Date() }))
      .then((run) => options.onRun?.(run))
      .catch((error: unknown) => (options.onError ?? ((e: unknown) => console.error('early warning failed:', e)))(error))
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs);
  // The schedule alone must not keep the process alive.
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
