import { constants } from 'node:os';

/** Where signals arrive: the process, or an emitter in tests. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

export interface StopOnSignalsOptions {
  /** The signals that stop the process. @default ['SIGINT', 'SIGTERM'] */
  readonly signals?: readonly NodeJS.Signals[];
  /** Told of the first signal before stopping begins: the process's "stopping" line. @default nothing */
  readonly onSignal?: (signal: NodeJS.Signals) => void;
  /** Told when stopping failed, before the exit with 1. @default console.error */
  readonly onError?: (error: unknown) => void;
  /** Told of the first signal's repeat while stopping, before the forced exit. @default a line on stderr */
  readonly onForce?: (signal: NodeJS.Signals) => void;
  /** @default process.exit */
  readonly exit?: (code: number) => void;
  /** @default process */
  readonly source?: SignalSource;
}

export interface Shutdown {
  /**
   * Begins the one graceful shutdown, as the first signal does (for other reasons to stop: the parent
   * process gone, an IPC message); later calls return the same promise. Resolves after `exit` was called.
   */
  begin(): Promise<void>;
  /** Stops listening for the signals (tests). */
  remove(): void;
}

/**
 * One graceful shutdown for a process: the first signal (or `begin()`) calls `stop` once, then exits
 * with 0, or with 1 when `stop` failed. The same signal again while stopping exits at once with the
 * code of death by that signal (128 + its number: 130 for a second Ctrl-C) rather than wait for a stop
 * that hangs. Another signal is ignored: Ctrl-C reaches a launcher's whole process group, and the
 * launcher's SIGTERM that follows must not cut its children's draining short.
 */
export function stopOnSignals(stop: () => unknown, options: StopOnSignalsOptions = {}): Shutdown {
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  const source = options.source ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const onForce = options.onForce ?? ((signal: NodeJS.Signals) => console.error(`${signal} while stopping: exiting without waiting`));
  let stopping: Promise<void> | undefined;
  let first: NodeJS.Signals | undefined;
  const begin = () =>
    (stopping ??= (async () => {
      let code = 0;
      try {
        await stop();
      } catch (error) {
        onError(error);
        code = 1;
      }
      exit(code);
    })());
  const listener = (signal: NodeJS.Signals) => {
    if (stopping) {
      if (signal !== first) return;
      onForce(signal);
      exit(128 + (constants.signals[signal] ?? 0));
      return;
    }
    first = signal;
    options.onSignal?.(signal);
    void begin();
  };
  for (const signal of signals) source.on(signal, listener);
  return {
    begin,
    remove: () => {
      for (const signal of signals) source.off(signal, listener);
    },
  };
}
