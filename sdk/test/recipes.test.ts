// The README's client recipes (sdk/test/recipes/*.ts, shown in sdk/README.md), each run as an app
// would run it, from Node, against the stack with the safelist on for its key: Apollo Client (with the
// __typename it adds), urql (POST, and its default GET refused by CSRF prevention), graphql-request.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openGatewayStore, type GatewayStore } from '@liangling/gateway';
import { loadConfig, postGraphQL, startTestStack, type TestStack } from '@liangling/stack';
import { generateAppAsync as generateApp } from './support/apps';

const ROOT = join(__dirname, '..', '..');
const RECIPES = join(__dirname, 'recipes');
const SOURCE =
  "import { graphql } from './gql';\nexport const Districts = graphql(`query Districts { regions(level: DISTRICT) { id name } }`);\n";

let stack: TestStack;
let dir: string;
let store: GatewayStore;

/** An app generated for the recipe, its documents published, and its key. */
async function appFor(recipe: string, addTypename: boolean): Promise<{ dir: string; key: string }> {
  const app = await generateApp(dir, recipe, 'public', SOURCE, addTypename ? ', addTypename: true' : '');
  copyFileSync(join(RECIPES, `${recipe}.ts`), join(app.dir, 'src', 'main.ts'));
  const publisher = await store.createKey({ name: recipe, audience: 'public', organisation: null, scopes: ['publish'] });
  const runtime = await store.createKey({ name: recipe, audience: 'public', organisation: null, scopes: [] });
  const documents = JSON.parse(readFileSync(join(app.dir, 'src', 'gql', 'persisted-documents.json'), 'utf8')) as Record<string, string>;
  const published = await postGraphQL(new URL(`/apps/${recipe}/documents`, stack.url).toString(), { version: '1', documents }, undefined, {
    'x-api-key': publisher.key,
  });
  expect(published.status).toBe(200);
  return { dir: app.dir, key: runtime.key };
}

/** Runs the recipe (node, with the repository's TypeScript loader) and parses what it prints. */
function runRecipe(app: { dir: string; key: string }, env: Record<string, string> = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-r', join(ROOT, 'scripts', 'register.js'), join(app.dir, 'src', 'main.ts')],
      { cwd: app.dir, encoding: 'utf8', env: { ...process.env, LIANGLING_GATEWAY_URL: stack.url, LIANGLING_API_KEY: app.key, ...env } },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout))),
    );
  });
}

/** Waits for the replicas' poll to see a key issued a moment ago. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

beforeAll(async () => {
  mkdirSync(join(ROOT, 'sdk', '.test-apps'), { recursive: true });
  dir = mkdtempSync(join(ROOT, 'sdk', '.test-apps', 'recipes-'));
  const loaded = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', STORE_POLL_MS: '100', GATEWAY_STORE: join(dir, 'gateway.sqlite') });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  stack = await startTestStack({ gateway: loaded.config.gateway });
  store = await openGatewayStore(join(dir, 'gateway.sqlite'));
}, 120_000);

afterAll(async () => {
  await store?.close();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('client recipes, with the safelist on for the app’s key', () => {
  it('Apollo Client: the published documents carry the __typename it adds', async () => {
    const app = await appFor('apollo-client', true);
    await settle();
    const data = (await runRecipe(app)) as { regions: { __typename: string; id: string; name: string }[] };
    expect(data.regions.length).toBeGreaterThan(0);
    expect(data.regions[0]).toEqual({ __typename: 'Region', id: expect.any(String), name: expect.any(String) });
  }, 60_000);

  it('urql: POST with the hash runs; its default GET is refused by CSRF prevention', async () => {
    const app = await appFor('urql', false);
    await settle();
    const data = (await runRecipe(app)) as { regions: { id: string; name: string }[] };
    expect(Object.keys(data.regions[0]!).sort()).toEqual(['id', 'name']);
    const get = (await runRecipe(app, { RECIPE_GET: '1' })) as { error?: string };
    expect(get.error).toMatch(/Cross-Site Request Forgery/);
  }, 60_000);

  it('graphql-request: the hash in place of the text', async () => {
    const app = await appFor('graphql-request', false);
    await settle();
    const data = (await runRecipe(app)) as { regions: { id: string; name: string }[] };
    expect(data.regions.length).toBeGreaterThan(0);
  }, 60_000);

  it('the README shows each recipe as tested', () => {
    const readme = readFileSync(join(ROOT, 'sdk', 'README.md'), 'utf8');
    for (const recipe of ['apollo-client', 'urql', 'graphql-request'])
      expect(readme).toContain(readFileSync(join(RECIPES, `${recipe}.ts`), 'utf8').trim());
  });
});
