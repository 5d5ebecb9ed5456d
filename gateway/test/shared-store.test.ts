// Two gateway replicas sharing one store: a key issued, a document published through one replica, a
// key revoked — each seen by the other within its poll, without a restart.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeSupergraph } from '@liangling/schema';
import express from 'express';
import { parse } from 'graphql';
import { startGateway, type RunningGateway } from '../src/gateway';
import { GatewayStore } from '../src/gateway-store';

const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Book @key(fields: "isbn") { isbn: ID! title: String! }
  type Query { books: [Book!]! }
`;
const DOCUMENT = 'query Shelf { books { title } }';
const HASH = createHash('sha256').update(DOCUMENT).digest('hex');

let books: { server: ApolloServer; http: Server };
let replicas: RunningGateway[];
let dir: string;
let store: GatewayStore;

const run = async (gateway: RunningGateway, key: string) => {
  const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } }) });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
};

async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  const server = new ApolloServer({ plugins: [ApolloServerPluginInlineTraceDisabled()], schema: buildSubgraphSchema([{ typeDefs: parse(SDL), resolvers: { Query: { books: () => [{ isbn: '1', title: '两邻' }] } } }]) });
  await server.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(server));
  const http = createServer(app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  books = { server, http };
  const composed = composeSupergraph([{ name: 'books', url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`, sdl: SDL }]);
  if (!composed.ok) throw new Error(composed.errors.join('\n'));
  dir = mkdtempSync(join(tmpdir(), 'liangling-store-'));
  const options = {
    supergraphSdl: composed.supergraphSdl,
    auth: { secret: new TextEncoder().encode('s'.repeat(32)) },
    callerKey: new TextEncoder().encode('c'.repeat(32)),
    port: 0,
    logger: 'silent' as const,
    store: { path: join(dir, 'gateway.sqlite'), pollMs: 100 },
  };
  replicas = [await startGateway(options), await startGateway(options)];
  store = new GatewayStore(join(dir, 'gateway.sqlite'));
});

afterAll(async () => {
  store?.close();
  await Promise.all((replicas ?? []).map((replica) => replica.stop()));
  await books?.server.stop();
  books?.http.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('two replicas, one store', () => {
  it('share keys and published documents, and a revocation', async () => {
    const [a, b] = replicas as [RunningGateway, RunningGateway];
    const publisher = store.createKey({ name: 'shelf-app', audience: 'public', organisation: null, scopes: ['publish'] });
    const app = store.createKey({ name: 'shelf-app', audience: 'public', organisation: null, scopes: [] });
    // Not yet published: refused on both.
    await until(async () => (await run(b, app.key)).body.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND');

    await until(async () => {
      const response = await fetch(new URL('/apps/shelf-app/documents', a.url), { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': publisher.key }, body: JSON.stringify({ version: '1', documents: { [HASH]: DOCUMENT } }) });
      return response.status === 200;
    });
    // Published through replica A, answered by replica B.
    await until(async () => JSON.stringify((await run(b, app.key)).body) === JSON.stringify({ data: { books: [{ title: '两邻' }] } }));
    expect((await run(a, app.key)).body).toEqual({ data: { books: [{ title: '两邻' }] } });

    store.revokeKey(app.stored.id);
    await until(async () => (await run(a, app.key)).status === 401 && (await run(b, app.key)).status === 401);
  });
});
