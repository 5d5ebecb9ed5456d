// Helpers for the repository's Jest test files: the test stack as a file's fixture, temporary folders
// removed after the file's tests, free ports, and waiting for a condition by retrying (counted, not
// timed by an assertion). Kept out of the package's index, which runs outside Jest too
// (`@jest/globals` throws there): import it as `@liangling/stack/src/jest`.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from '@jest/globals';
import { startTestStack, type TestStack } from './testing';

/**
 * Starts a test stack in `beforeAll` and stops it in `afterAll` of the file (or `describe`) that calls
 * it. The function it returns gives the stack to a test, and fails the test when the stack did not start.
 */
export function useTestStack(options: Parameters<typeof startTestStack>[0] = {}): () => TestStack {
  let stack: TestStack | undefined;
  beforeAll(async () => {
    stack = await startTestStack(options);
  });
  afterAll(async () => {
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error('the stack did not start');
    return stack;
  };
}

/** A loopback port nothing listens on right now (for processes that must be told their port). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A maker of fresh temporary folders (`liangling-<name>-…`), every one removed after the file's
 * tests. Call it at the top level of a test file.
 */
export function temporaryFolders(name: string): () => string {
  const folders: string[] = [];
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });
  return () => {
    const folder = mkdtempSync(join(tmpdir(), `liangling-${name}-`));
    folders.push(folder);
    return folder;
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface EventuallyOptions {
  /** @default 120 */
  readonly tries?: number;
  /** @default 250 */
  readonly pauseMs?: number;
  /** What to add to the error on giving up: e.g. the processes' last output. */
  readonly context?: () => string;
}

/** Retries `attempt` (a throw counts as no value) until it gives a value, at most `tries` times. */
export async function eventually<T>(
  attempt: () => Promise<T | undefined>,
  { tries = 120, pauseMs = 250, context }: EventuallyOptions = {},
): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(pauseMs);
  }
  throw new Error(`gave up after ${tries} attempts${context ? `; ${context()}` : ''}`);
}
