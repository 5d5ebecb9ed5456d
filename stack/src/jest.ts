// The test stack as a test file's fixture, for Jest: started before the file's tests, stopped after
// them. Kept out of the package's index, which runs outside Jest too (`@jest/globals` throws there):
// import it as `@liangling/stack/src/jest`.
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
