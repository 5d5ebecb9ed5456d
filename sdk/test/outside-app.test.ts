// From an empty folder to an outside app's own operation, answered by a running gateway that was
// never restarted: keys issued with `npm run apikey`, documents generated with `liangling generate`,
// published with `liangling publish`, run with the SDK's client under the safelist.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openGatewayStore } from '@liangling/gateway';
import { loadConfig, postGraphQL, startTestStack, type TestStack } from '@liangling/stack';
import { eventually } from '@liangling/stack/src/jest';
import type { DocumentNode } from 'graphql';
import { createClient } from '../src';
import { CLI, generateAppAsync as generateApp } from './support/apps';

const ROOT = join(__dirname, '..', '..');

let stack: TestStack;
let dir: string;
let storePath: string;

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command without blocking this process, where the gateway runs. */
function run(args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** What `npm run -s apikey -- …` prints and exits with, against this test's store. */
function apikey(...args: string[]): Promise<Run> {
  return run(['-r', join(ROOT, 'scripts', 'register.js'), join(ROOT, 'stack', 'src', 'bin', 'apikey.ts'), ...args], ROOT, {
    GATEWAY_STORE: storePath,
    DATA_DIR: stack.dataDir,
  });
}

/** The key `create` or `rotate` printed (its last line) and the key's id. */
function issued(output: string): { key: string; id: string } {
  const lines = output.trim().split('\n');
  return {
    key: lines.at(-1)!,
    id: /(key_\w+)/.exec(output.includes('the new key is') ? output.split('the new key is')[1]! : lines[0]!)![1]!,
  };
}

/** `liangling publish` in an app's folder. */
function publish(app: string, version: string, key: string, appDir: string): Promise<Run> {
  return run([CLI, 'publish', '--app', app, '--version', version], appDir, {
    LIANGLING_GATEWAY_URL: stack.url,
    LIANGLING_PUBLISH_KEY: key,
  });
}

/** The generated document of `operation` in an app, loaded as the app would import it. */
function documentOf(appDir: string, operation: string): DocumentNode {
  const source = readFileSync(join(appDir, 'src', 'gql', 'graphql.ts'), 'utf8');
  const start = source.indexOf(`export const ${operation}Document = `) + `export const ${operation}Document = `.length;
  return JSON.parse(source.slice(start, source.indexOf(' as unknown as DocumentNode', start))) as DocumentNode;
}

/** Waits until `check` holds: a change made in another process reaches the gateway within its poll (about 5 s). */
async function reachesGateway(check: () => Promise<boolean>): Promise<void> {
  await eventually(async () => ((await check()) ? true : undefined), {
    tries: 50,
    pauseMs: 100,
    context: () => 'the change did not reach the gateway in time',
  });
}

/** How many documents the store holds, read as another replica would. */
async function storedDocuments(): Promise<number> {
  const store = await openGatewayStore(storePath);
  try {
    return (await store.documents()).length;
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  mkdirSync(join(ROOT, 'sdk', '.test-apps'), { recursive: true });
  dir = mkdtempSync(join(ROOT, 'sdk', '.test-apps', 'outside-'));
  storePath = join(dir, 'gateway.sqlite');
  // What `npm start` configures (SDK documents, safelist for key holders), the store in this test's folder.
  const loaded = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', STORE_POLL_MS: '100', GATEWAY_STORE: storePath });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  stack = await startTestStack({ gateway: loaded.config.gateway });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('an outside app, from an empty folder, against a running gateway', () => {
  it('is typed, published under new keys, answered, and a second version adds a field', async () => {
    // Keys first: one to publish with, one the app ships.
    const publisher = await apikey('create', '--name', 'district-map', '--audience', 'public', '--scopes', 'publish');
    expect(publisher.status).toBe(0);
    const runtime = await apikey('create', '--name', 'district-map', '--audience', 'public');
    const publishKey = issued(publisher.stdout).key;
    const appKey = issued(runtime.stdout).key;
    expect(appKey).toMatch(/^ll_/);
    // Only the hash is stored.
    expect(readFileSync(storePath).includes(Buffer.from(appKey))).toBe(false);

    // Version 1: the app's own operation, not one the SDK ships.
    const v1 = await generateApp(
      dir,
      'district-map',
      'public',
      "import { graphql } from './gql';\nexport const Districts = graphql(`query Districts { regions(level: DISTRICT) { id name } }`);\n",
    );
    const client = createClient({ url: stack.url, apiKey: appKey, retry: false });
    const districts = documentOf(v1.dir, 'Districts');

    // Before publishing, the app's key may not run it.
    await reachesGateway(async () =>
      (await client.requestWithErrors(districts, {})).errors.some((error) => error.extensions?.['code'] === 'OPERATION_NOT_ALLOWED'),
    );

    const published = await publish('district-map', '1.0.0', publishKey, v1.dir);
    expect(published.stderr).toBe('');
    expect(published.stdout).toContain('published district-map@1.0.0: 1 document(s)');
    const answered = await client.requestWithErrors(districts, {});
    expect(answered.errors).toEqual([]);
    const regions = (answered.data as { regions: { id: string; name: string }[] }).regions;
    expect(regions.length).toBeGreaterThan(0);
    expect(Object.keys(regions[0]!).sort()).toEqual(['id', 'name']);

    // Version 2 asks for one more field; version 1's document keeps working for apps not yet updated.
    const v2 = await generateApp(
      dir,
      'district-map-2',
      'public',
      "import { graphql } from './gql';\nexport const Districts = graphql(`query Districts { regions(level: DISTRICT) { id name centroid { lat lng } } }`);\n",
    );
    const districtsV2 = documentOf(v2.dir, 'Districts');
    expect((await client.requestWithErrors(districtsV2, {})).errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'OPERATION_NOT_ALLOWED' }) }),
    ]);
    expect((await publish('district-map', '1.1.0', publishKey, v2.dir)).status).toBe(0);
    const second = await client.requestWithErrors(districtsV2, {});
    expect(second.errors).toEqual([]);
    expect((second.data as { regions: { centroid: { lat: number } }[] }).regions[0]!.centroid.lat).toEqual(expect.any(Number));
    expect((await client.requestWithErrors(districts, {})).errors).toEqual([]);

    // A version is immutable: the same number with other documents is refused.
    const again = await publish('district-map', '1.0.0', publishKey, v2.dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already published with other documents');

    // Another app's key may not run this app's documents, published or not.
    const other = issued((await apikey('create', '--name', 'other-app', '--audience', 'public')).stdout).key;
    const foreign = createClient({ url: stack.url, apiKey: other, retry: false });
    await reachesGateway(async () =>
      (await foreign.requestWithErrors(districts, {})).errors.some((error) => error.extensions?.['code'] === 'OPERATION_NOT_ALLOWED'),
    );
  }, 120_000);

  it('trusts a subscription an app published for that app’s keys, as its queries are, and for no other app’s', async () => {
    const publishKey = issued((await apikey('create', '--name', 'my-repairs', '--audience', 'public', '--scopes', 'publish')).stdout).key;
    const appKey = issued((await apikey('create', '--name', 'my-repairs', '--audience', 'public')).stdout).key;
    const otherKey = issued((await apikey('create', '--name', 'someone-else', '--audience', 'public')).stdout).key;
    const app = await generateApp(
      dir,
      'my-repairs',
      'public',
      "import { graphql } from './gql';\nexport const Mine = graphql(`subscription Mine { myRepairRequestChanged { id request { id status } } }`);\n",
    );
    const mine = documentOf(app.dir, 'Mine');
    const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', 'r-210103-1-1-1'];
    const resident = await stack.token({ role: 'resident', sub: 'p-0000005', home: HOME });
    // The resident signed in, through the app's key: the app's documents only.
    const subscribeWith = (apiKey: string) =>
      createClient({ url: stack.url, apiKey, token: resident, retry: false }).subscribe(mine as never);

    await reachesGateway(async () => {
      const before = subscribeWith(appKey);
      const refused = await before.ready.then(
        () => undefined,
        (error: { code?: string }) => error.code,
      );
      before.close();
      return refused === 'OPERATION_NOT_ALLOWED';
    });
    expect((await publish('my-repairs', '1.0.0', publishKey, app.dir)).status).toBe(0);

    const subscription = subscribeWith(appKey);
    await subscription.ready;
    const events = subscription[Symbol.asyncIterator]();
    try {
      const submitted = await stack.query<{ submitRepairRequest: { id: string } }>(
        'mutation ($input: SubmitRepairRequestInput!) { submitRepairRequest(input: $input) { id } }',
        {
          token: resident,
          variables: {
            input: { category: 'WATER', description: '楼道灯不亮', contactPhone: '13812345678', clientKey: `outside-app-${Date.now()}` },
          },
        },
      );
      expect(submitted.errors).toBeUndefined();
      let timer: NodeJS.Timeout | undefined;
      const event = await Promise.race([
        events.next(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no event within 8 s')), 8000))),
      ]).finally(() => clearTimeout(timer));
      expect(
        (event.value as { data: { myRepairRequestChanged: { request: { id: string; status: string } } } }).data.myRepairRequestChanged
          .request,
      ).toEqual({ id: submitted.data!.submitRepairRequest.id, status: 'SUBMITTED' });
    } finally {
      subscription.close();
    }

    // Another app's key: this app's subscription is foreign to it.
    const foreign = subscribeWith(otherKey);
    await expect(foreign.ready).rejects.toMatchObject({ code: 'OPERATION_NOT_ALLOWED' });
    foreign.close();
  }, 120_000);

  it('refuses a document outside the audience’s contract at publish, with its path, and stores nothing', async () => {
    const key = issued((await apikey('create', '--name', 'nosy-app', '--audience', 'public', '--scopes', 'publish')).stdout).key;
    const fits = 'query Fine { regions(level: DISTRICT) { id } }';
    const nosy = 'query Nosy { me { id name } }';
    const { createHash } = await import('node:crypto');
    const hash = (text: string) => createHash('sha256').update(text).digest('hex');
    const before = await storedDocuments();
    const answer = await postGraphQL<never>(
      new URL('/apps/nosy-app/documents', stack.url).toString(),
      { version: '1', documents: { [hash(fits)]: fits, [hash(nosy)]: nosy } },
      undefined,
      { 'x-api-key': key },
    );
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0]?.extensions?.['errors']).toEqual([
      `${hash(nosy)}: Nosy: me.name (Resident.name) is not in the public contract`,
    ]);
    // Nothing of the request was stored, not even the document that fits.
    expect(await storedDocuments()).toBe(before);

    // A malformed manifest and a document that does not parse, each said.
    const broken = await postGraphQL<never>(
      new URL('/apps/nosy-app/documents', stack.url).toString(),
      { version: '1', documents: { [hash('query {')]: 'query {' } },
      undefined,
      { 'x-api-key': key },
    );
    expect(broken.errors?.[0]?.extensions?.['errors']).toEqual([expect.stringContaining(`${hash('query {')}: Syntax Error`)]);
    const malformed = await postGraphQL<never>(
      new URL('/apps/nosy-app/documents', stack.url).toString(),
      { version: '1', documents: { [hash(fits)]: nosy } },
      undefined,
      { 'x-api-key': key },
    );
    expect(malformed.errors?.[0]?.extensions?.['errors']).toEqual([expect.stringContaining('does not have that hash')]);
  });

  it('refuses a wrong publishing credential with 401 and stores nothing', async () => {
    const runtimeOnly = issued((await apikey('create', '--name', 'locked-app', '--audience', 'public')).stdout).key;
    const otherApps = issued((await apikey('create', '--name', 'someone-else', '--audience', 'public', '--scopes', 'publish')).stdout).key;
    const before = await storedDocuments();
    const fits = 'query Fine { regions(level: DISTRICT) { id } }';
    const { createHash } = await import('node:crypto');
    const body = { version: '1', documents: { [createHash('sha256').update(fits).digest('hex')]: fits } };
    for (const key of [runtimeOnly, otherApps, 'll_not-a-key']) {
      const answer = await postGraphQL<never>(new URL('/apps/locked-app/documents', stack.url).toString(), body, undefined, {
        'x-api-key': key,
      });
      expect(answer.status).toBe(401);
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    }
    expect(await storedDocuments()).toBe(before);
  });
});

describe('keys, while the gateway runs', () => {
  it('are created, used, rotated with a grace period, and revoked, without a restart', async () => {
    const created = issued((await apikey('create', '--name', 'rotating-app', '--audience', 'partner', '--org', 'org-water')).stdout);
    // A partner key gets the partner contract, held to the SDK's documents (this app published none).
    const sdkOrganisation = JSON.parse(readFileSync(join(ROOT, 'sdk', 'src', 'generated', 'persisted-documents.json'), 'utf8')) as {
      operations: { id: string; name: string }[];
    };
    const organisation = sdkOrganisation.operations.find((operation) => operation.name === 'Organisation')!;
    const run = (key: string) =>
      postGraphQL<{ organisation: { id: string } | null }>(
        stack.url,
        { extensions: { persistedQuery: { version: 1, sha256Hash: organisation.id } }, variables: { id: 'org-water' } },
        undefined,
        { 'x-api-key': key },
      );
    await reachesGateway(async () => (await run(created.key)).data?.organisation?.id === 'org-water');

    const rotated = await apikey('rotate', created.id, '--grace', '1h');
    expect(rotated.status).toBe(0);
    const fresh = issued(rotated.stdout);
    expect(fresh.id).not.toBe(created.id);
    await reachesGateway(async () => (await run(fresh.key)).data?.organisation?.id === 'org-water');
    // In its grace period the old key still works.
    expect((await run(created.key)).data?.organisation?.id).toBe('org-water');
    expect((await apikey('list')).stdout).toMatch(new RegExp(`${created.id}\\t.*live until .* \\(rotated\\)`));

    expect((await apikey('revoke', created.id)).status).toBe(0);
    await reachesGateway(async () => (await run(created.key)).status === 401);
    expect((await run(fresh.key)).data?.organisation?.id).toBe('org-water');
  }, 60_000);

  it('says clearly that an unknown key cannot be revoked, with exit code 2', async () => {
    const result = await apikey('revoke', 'key_nonexistent');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('there is no key key_nonexistent');
  });
});
