import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { composeSupergraph } from '@liangling/schema';
import { loadGatewayConfig } from '../src/config';
import { startGateway, type RunningGateway } from '../src/gateway';
import { serveSubgraph } from './support/stub-subgraphs';

const OPERATOR_TOKEN = 'the-operator-of-this-test-0123456789';

// A subgraph that is not ours at all: the gateway must serve any supergraph it is given.
const BOOKS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Book @key(fields: "isbn") { isbn: ID! title: String! }
  type Query { books: [Book!]! }
`;

let books: Awaited<ReturnType<typeof serveSubgraph>>;
let gateway: RunningGateway;

beforeAll(async () => {
  books = await serveSubgraph(BOOKS_SDL, { Query: { books: () => [{ isbn: '978-7', title: '两邻' }] } });
  const composed = composeSupergraph([{ name: 'books', url: books.url, sdl: BOOKS_SDL }]);
  if (!composed.ok) throw new Error(composed.errors.join('\n'));
  gateway = await startGateway({
    supergraphSdl: composed.supergraphSdl,
    auth: { secret: new TextEncoder().encode('s'.repeat(32)) },
    callerKey: new TextEncoder().encode('c'.repeat(32)),
    port: 0,
    operator: { token: OPERATOR_TOKEN },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await books?.stop();
});

describe('the gateway as a product', () => {
  it('serves a supergraph of someone else’s subgraphs', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ books { isbn title } }' }),
    });
    expect(await response.json()).toEqual({ data: { books: [{ isbn: '978-7', title: '两邻' }] } });
  });

  it('reports the health of the subgraphs it names', async () => {
    const response = await fetch(new URL('/health', gateway.url), { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', subgraphs: { books: 'ok' } });
  });
});

describe('loadGatewayConfig()', () => {
  // Production (the standalone default) refuses regular or published keys: these are random.
  const env = { JWT_SECRET: randomBytes(32).toString('base64url'), CALLER_CONTEXT_SECRET: randomBytes(32).toString('base64url') };

  it('refuses short secrets and a missing supergraph with reasons', () => {
    const result = loadGatewayConfig('/nonexistent/supergraph.graphql', { JWT_SECRET: 'short', CALLER_CONTEXT_SECRET: 'c'.repeat(32) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(/JWT_SECRET/);
    const missing = loadGatewayConfig('/nonexistent/supergraph.graphql', env);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors[0]).toMatch(/cannot read/);
  });

  it('parses subgraph URL overrides and defaults the port', () => {
    const result = loadGatewayConfig(`${__dirname}/../../schema/supergraph.graphql`, {
      ...env,
      SUBGRAPH_URLS: 'residents=http://10.0.0.1:4001/graphql',
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.options.port).toBe(4000);
      expect(result.options.subgraphUrls).toEqual({ residents: 'http://10.0.0.1:4001/graphql' });
    }
  });
});

describe('loadGatewayConfig(): operations', () => {
  // Production (the standalone default) refuses regular or published keys: these are random.
  const env = { JWT_SECRET: randomBytes(32).toString('base64url'), CALLER_CONTEXT_SECRET: randomBytes(32).toString('base64url') };
  const supergraph = `${__dirname}/../../schema/supergraph.graphql`;

  it('takes the supergraph from SUPERGRAPH and every operational setting from the environment', () => {
    const result = loadGatewayConfig(undefined, {
      ...env,
      SUPERGRAPH: supergraph,
      MAX_DEPTH: '7',
      REDIS_URL: 'redis://10.0.0.5:6379',
      SUBGRAPH_TIMEOUTS: 'requests=2500',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      API_KEYS: JSON.stringify([{ id: 'app', sha256: 'a'.repeat(64), role: 'anonymous', clientApp: 'weather' }]),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.options.limits).toMatchObject({ maxDepth: 7, maxCost: 10_000, maxBatchSize: 10 });
    expect(result.options.rateLimit).toEqual({ points: 1000, durationSeconds: 60, redisUrl: 'redis://10.0.0.5:6379' });
    expect(result.options.subgraphOptions).toEqual({ requests: { timeoutMs: 2500 } });
    expect(result.options.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(result.options.apiKeys).toHaveLength(1);
    expect(result.options.anonymousIntrospection).toBe(false);
    expect(result.options.tracing).toEqual({ serviceName: 'liangling-gateway' });
  });

  it('refuses settings that cannot work, with reasons', () => {
    const bad = loadGatewayConfig(supergraph, { ...env, SAFELIST: 'all', MAX_DEPTH: '0', API_KEYS: '[{"id":"x"}]' });
    expect(bad.ok).toBe(false);
    const safelist = loadGatewayConfig(supergraph, { ...env, SAFELIST: 'all' });
    expect(safelist.ok).toBe(false);
    if (!safelist.ok) expect(safelist.errors.join()).toMatch(/TRUSTED_DOCUMENTS/);
    const keys = loadGatewayConfig(supergraph, { ...env, API_KEYS: '[{"id":"x","role":"partner"}]' });
    expect(keys.ok).toBe(false);
    if (!keys.ok) expect(keys.errors.join()).toMatch(/API_KEYS/);
    const missing = loadGatewayConfig(undefined, env);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors[0]).toMatch(/command line or in SUPERGRAPH/);
  });
});
