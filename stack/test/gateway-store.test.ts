// `npm run apikey` against the store two gateway replicas share, while they run: a key created,
// used, rotated (the old key works during its grace, then not) and revoked, on both replicas; a
// document published through one replica is served by the other. The store is a SQLite file, or,
// with LIANGLING_TEST_POSTGRES_URL (CI's second pass), a fresh PostgreSQL database.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startGateway, type RunningGateway } from '@liangling/gateway';
import { createTestDatabase, loadConfig, startTestStack, TEST_POSTGRES_URL_VARIABLE, type TestDatabase, type TestStack } from '../src';
import { temporaryFolders } from '../src/jest';

const ROOT = join(__dirname, '..', '..');
const DOCUMENT = 'query Districts { regions(level: DISTRICT) { id } }';
const HASH = createHash('sha256').update(DOCUMENT).digest('hex');
const folder = temporaryFolders('gateway-store');

let location: string;
let database: TestDatabase | undefined;
let stack: TestStack;
let replicaB: RunningGateway;

/** `npm run -s apikey -- …` against this test's store; its output and exit code. */
function apikey(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', join(ROOT, 'scripts', 'register.js'), join(ROOT, 'stack', 'src', 'bin', 'apikey.ts'), ...args],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, GATEWAY_STORE: location, DATA_DIR: stack.dataDir } },
      (error, stdout, stderr) => resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The key `create` or `rotate` printed (its last line) and the new key's id. */
async function issue(...args: string[]): Promise<{ key: string; id: string }> {
  const result = await apikey(...args);
  expect(result).toMatchObject({ status: 0, stderr: '' });
  const ids = [...result.stdout.matchAll(/key_\w+/g)].map((match) => match[0]);
  return { key: result.stdout.trim().split('\n').at(-1)!, id: ids.at(-1)! };
}

const run = async (url: string, key: string) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: { regions?: unknown[] }; errors?: { extensions?: { code?: string } }[] },
  };
};
const answered = async (url: string, key: string) => ((await run(url, key)).body.data?.regions?.length ?? 0) > 0;
const refused = async (url: string, key: string) => (await run(url, key)).status === 401;
const onBoth = (check: (url: string, key: string) => Promise<boolean>, key: string) => async () =>
  (await check(stack.url, key)) && (await check(replicaB.url, key));

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out: the change did not reach both replicas');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  const server = process.env[TEST_POSTGRES_URL_VARIABLE];
  database = server ? await createTestDatabase(server) : undefined;
  location = database?.url ?? join(folder(), 'gateway.sqlite');
  const loaded = loadConfig({ LOG_LEVEL: 'silent', STORE_POLL_MS: '200', GATEWAY_STORE: location });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  stack = await startTestStack({ seedResidents: 400, gateway: loaded.config.gateway });
  // A second replica on the same store, as a second machine would run it.
  replicaB = await startGateway({
    ...loaded.config.gateway,
    supergraphSdl: readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'),
    auth: { secret: stack.keys.jwtSecret },
    callerKey: stack.keys.callerKey,
    subgraphUrls: stack.subgraphs,
    port: 0,
  });
}, 120_000);

afterAll(async () => {
  await replicaB?.stop();
  await stack?.stop();
  await database?.drop();
});

describe(`npm run apikey, two replicas sharing the store (${process.env[TEST_POSTGRES_URL_VARIABLE] ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('creates, rotates and revokes keys that both replicas honour within seconds', async () => {
    const publisher = await issue('create', '--name', 'district-board', '--audience', 'public', '--scopes', 'publish');
    const app = await issue('create', '--name', 'district-board', '--audience', 'public');
    expect(app.key).toMatch(/^ll_/);

    // Published through replica A, served by replica B (and A).
    await until(async () => {
      const response = await fetch(new URL('/apps/district-board/documents', stack.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': publisher.key },
        body: JSON.stringify({ version: '1', documents: { [HASH]: DOCUMENT } }),
      });
      return response.status === 200;
    });
    await until(onBoth(answered, app.key));

    const rotated = await issue('rotate', app.id, '--grace', '3s');
    expect(rotated.id).not.toBe(app.id);
    // During the grace both keys work on both replicas; after it, only the new one.
    expect(await onBoth(answered, app.key)()).toBe(true);
    await until(onBoth(answered, rotated.key));
    await until(onBoth(refused, app.key));
    expect(await onBoth(answered, rotated.key)()).toBe(true);

    expect(await apikey('revoke', rotated.id)).toMatchObject({
      status: 0,
      stdout: expect.stringContaining(`revoked ${rotated.id} (district-board)`),
    });
    await until(onBoth(refused, rotated.key));

    const listed = (await apikey('list')).stdout.trim().split('\n');
    expect(listed.map((line) => line.split('\t')[0])).toEqual([publisher.id, app.id, rotated.id]);
    expect(listed[1]).toMatch(/\texpired /);
    expect(listed[2]).toMatch(/\trevoked /);
    expect(await apikey('revoke', 'key_missing')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('there is no key key_missing'),
    });
  });
});
