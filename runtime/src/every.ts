export interface EveryOptions {
  /** Told when a run throws or rejects; the next run tries again. @default console.error */
  readonly onError?: (error: unknown) => void;
  /** Start the first run at once rather than one interval from now. @default false */
  readonly runAtStart?: boolean;
}

export interface Repeating {
  /** No further runs; resolves once a run in flight has ended (so that what it uses is not closed under it). */
  stop(): Promise<void>;
}

/** The longest delay a Node timer keeps; a longer one fires after 1 ms instead. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Runs `run` every `intervalMs` until stopped, never two runs at once: a tick that finds the last run
 * still going is skipped, so a slow run delays the next. The timer is unref'd: a schedule alone does not
 * keep the process alive.
 */
export function every(intervalMs: number, run: () => unknown, options: EveryOptions = {}): Repeating {
  if (!(intervalMs > 0 && intervalMs <= MAX_TIMER_MS))
    throw new RangeError(`every(): the interval must be 1 to ${MAX_TIMER_MS} ms, not ${intervalMs}`);
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    // An async function calls `run` at once and catches a synchronous throw too; a run that fails at
    // once has ended before `running` is set, hence the check that the run ending is the current one.
    const current = (async () => {
      try {
        await run();
      } catch (error) {
        onError(error);
      }
    })();
    running = current;
    void current.finally(() => {
      if (running === current) running = undefined;
    });
  };
  if (options.runAtStart) tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
