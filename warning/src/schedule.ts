import { every, type Repeating } from '@liangling/runtime';
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

/** `stop()` ends the schedule and waits for a run in flight. */
export type WarningSchedule = Repeating;

/**
 * Runs the engine now and then every `intervalMs`, never two runs at once, until stopped. Alerts are
 * idempotent on their dedupe keys, so a run repeated after a restart raises nothing twice.
 */
export function startWarningSchedule(options: WarningScheduleOptions): WarningSchedule {
  const run = async () => {
    const token = await options.token();
    const engineRun = await runEngine({ ...options, token, now: options.clock?.() ?? new Date() });
    options.onRun?.(engineRun);
  };
  return every(options.intervalMs, run, {
    runAtStart: true,
    onError: options.onError ?? ((error) => console.error('early warning failed:', error)),
  });
}
