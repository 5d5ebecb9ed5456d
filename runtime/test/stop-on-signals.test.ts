import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { stopOnSignals, type SignalSource, type StopOnSignalsOptions } from '../src';

/** A process to signal: an emitter for the signals, and the exit codes it was told. */
function fakeProcess() {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  const source: SignalSource = emitter;
  const options = (more: StopOnSignalsOptions = {}): StopOnSignalsOptions => ({
    source,
    exit: (code) => void exits.push(code),
    onForce: () => undefined,
    ...more,
  });
  return {
    signal: (name: NodeJS.Signals) => emitter.emit(name, name),
    exits,
    options,
    listeners: (name: NodeJS.Signals) => emitter.listenerCount(name),
  };
}

/** A stop that ends when the test says. */
function pendingStop() {
  let finish!: (error?: Error) => void;
  let calls = 0;
  const done = new Promise<void>((resolve, reject) => (finish = (error) => (error ? reject(error) : resolve())));
  return { stop: () => (calls++, done), finish, calls: () => calls };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('stopOnSignals()', () => {
  it('on the first signal says so, stops once and exits with 0 once stopped', async () => {
    const proc = fakeProcess();
    const pending = pendingStop();
    const told: string[] = [];
    const shutdown = stopOnSignals(pending.stop, proc.options({ onSignal: (signal) => told.push(signal) }));
    proc.signal('SIGTERM');
    await settle();
    expect(told).toEqual(['SIGTERM']);
    expect(pending.calls()).toBe(1);
    expect(proc.exits).toEqual([]);
    pending.finish();
    await shutdown.begin();
    expect(proc.exits).toEqual([0]);
    expect(pending.calls()).toBe(1);
  });

  it('exits with 1 and reports the error when stopping fails', async () => {
    const proc = fakeProcess();
    const errors: unknown[] = [];
    const shutdown = stopOnSignals(
      () => Promise.reject(new Error('drain failed')),
      proc.options({ onError: (error) => errors.push(error) }),
    );
    proc.signal('SIGINT');
    await shutdown.begin();
    expect((errors[0] as Error).message).toBe('drain failed');
    expect(proc.exits).toEqual([1]);
  });

  it('the same signal again forces the exit with 128 + its number; another signal does not cut the drain short', async () => {
    const proc = fakeProcess();
    const pending = pendingStop();
    const forced: string[] = [];
    stopOnSignals(pending.stop, proc.options({ onForce: (signal) => forced.push(signal) }));
    proc.signal('SIGINT');
    proc.signal('SIGTERM');
    expect(proc.exits).toEqual([]);
    proc.signal('SIGINT');
    expect(forced).toEqual(['SIGINT']);
    expect(proc.exits).toEqual([130]);
    expect(pending.calls()).toBe(1);
  });

  it('begin() starts the same one shutdown as a signal, and remove() stops listening', async () => {
    const proc = fakeProcess();
    const pending = pendingStop();
    const shutdown = stopOnSignals(pending.stop, proc.options({ signals: ['SIGTERM'] }));
    expect(proc.listeners('SIGTERM')).toBe(1);
    expect(proc.listeners('SIGINT')).toBe(0);
    const first = shutdown.begin();
    expect(shutdown.begin()).toBe(first);
    pending.finish();
    await first;
    expect(pending.calls()).toBe(1);
    expect(proc.exits).toEqual([0]);
    shutdown.remove();
    expect(proc.listeners('SIGTERM')).toBe(0);
  });
});

describe('stopOnSignals() in a real process', () => {
  const ROOT = join(__dirname, '..', '..');
  /** A process that stops in `stopMs` (or never) when signalled; resolves with its output and exit code. */
  const run = (stopMs: number | 'never', signals: NodeJS.Signals[]) =>
    new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const script = `
        const { stopOnSignals } = require(${JSON.stringify(join(ROOT, 'runtime', 'src'))});
        setInterval(() => undefined, 1000);
        stopOnSignals(() => ${stopMs === 'never' ? 'new Promise(() => undefined)' : `new Promise((resolve) => setTimeout(() => { console.log('stopped'); resolve(); }, ${stopMs}))`},
          { onSignal: (signal) => console.log(signal + ': stopping') });
        console.log('ready');`;
      const child = spawn(process.execPath, ['-r', join(ROOT, 'scripts', 'register.js'), '-e', script], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        if (chunk.includes('ready')) signals.forEach((signal, i) => setTimeout(() => child.kill(signal), 100 * i));
      });
      child.once('error', reject);
      child.once('exit', (code) => resolve({ code, output }));
    });

  it('drains on SIGTERM and exits with 0', async () => {
    const { code, output } = await run(50, ['SIGTERM']);
    expect(output.trim().split('\n')).toEqual(['ready', 'SIGTERM: stopping', 'stopped']);
    expect(code).toBe(0);
  }, 30_000);

  it('exits with 130 on a second Ctrl-C when stopping hangs', async () => {
    const { code, output } = await run('never', ['SIGINT', 'SIGINT']);
    expect(output.trim().split('\n')).toEqual(['ready', 'SIGINT: stopping']);
    expect(code).toBe(130);
  }, 30_000);
});
