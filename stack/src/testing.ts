import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type RunningStack, type StackOptions } from './start-stack';

/**
 * The whole stack for a test: a fresh temporary data folder, a small seeded city, every server on a
 * free port. `stop()` stops the servers and removes the folder. `clock` lets a test move time for the
 * departments' deadlines; scheduled jobs do not run unless `jobIntervalMs` is given.
 */
export async function startTestStack(options: Pick<StackOptions, 'seedResidents' | 'onQuery' | 'clock' | 'jobIntervalMs' | 'warning'> = {}): Promise<RunningStack & { readonly dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'liangling-test-'));
  try {
    // Scheduled jobs stay off unless a test asks: tests run them through the graph, at a time they choose.
    const stack = await startStack({ ...options, dataDir, seedResidents: options.seedResidents ?? 800, gatewayPort: 0, subgraphPorts: {}, jobIntervalMs: options.jobIntervalMs ?? 0 });
    return {
      ...stack,
      dataDir,
      stop: async () => {
        try {
          await stack.stop();
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
