import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { every } from '../src';

const ROOT = join(__dirname, '..', '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('every()', () => {
  it('runs each interval, starting one interval from now unless asked to run at start', async () => {
    let later = 0;
    let atStart = 0;
    const waiting = every(20, () => void later++);
    const eager = every(20, () => void atStart++, { runAtStart: true });
    expect(later).toBe(0);
    expect(atStart).toBe(1);
    await sleep(110);
    await Promise.all([waiting.stop(), eager.stop()]);
    expect(later).toBeGreaterThanOrEqual(3);
    expect(atStart).toBeGreaterThanOrEqual(4);
  });

  it('never starts a run while the last one is going: a slow run skips the ticks it overlaps', async () => {
    let inFlight = 0;
    let most = 0;
    let runs = 0;
    const schedule = every(10, async () => {
      runs++;
      most = Math.max(most, ++inFlight);
      await sleep(45);
      inFlight--;
    });
    await sleep(200);
    await schedule.stop();
    expect(most).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(runs).toBeLessThanOrEqual(5);
  });

  it('reports a failed run, thrown or rejected, and runs again at the next interval', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const schedule = every(
      15,
      () => {
        runs++;
        if (runs === 1) throw new Error('thrown');
        if (runs === 2) return Promise.reject(new Error('rejected'));
        return undefined;
      },
      { onError: (error) => errors.push(error), runAtStart: true },
    );
    // A third run comes after both failures; on a busy machine timers run late, so wait for it (bounded).
    for (const deadline = Date.now() + 5000; runs <= 2 && Date.now() < deadline;) await sleep(15);
    await schedule.stop();
    expect(errors.map((error) => (error as Error).message)).toEqual(['thrown', 'rejected']);
    expect(runs).toBeGreaterThan(2);
  });

  it('stop() waits for the run in flight, and nothing runs after it', async () => {
    const events: string[] = [];
    const schedule = every(
      1000,
      async () => {
        events.push('run started');
        await sleep(60);
        events.push('run ended');
      },
      { runAtStart: true },
    );
    await schedule.stop();
    events.push('stopped');
    await sleep(50);
    expect(events).toEqual(['run started', 'run ended', 'stopped']);
  });

  it('refuses an interval a timer cannot keep', () => {
    expect(() => every(0, () => undefined)).toThrow(RangeError);
    expect(() => every(Number.NaN, () => undefined)).toThrow(RangeError);
    expect(() => every(2 ** 31, () => undefined)).toThrow(RangeError);
  });

  it('does not keep the process alive', () => {
    const script = `require(${JSON.stringify(join(ROOT, 'runtime', 'src'))}).every(60_000, () => undefined); console.log('scheduled');`;
    const child = spawnSync(process.execPath, ['-r', join(ROOT, 'scripts', 'register.js'), '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.error).toBeUndefined();
    expect(child.stdout.trim()).toBe('scheduled');
    expect(child.status).toBe(0);
  });
});
