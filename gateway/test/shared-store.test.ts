// Two gateway replicas sharing one store: a key issued, a document published through one replica, a
// key rotated and revoked — each seen by the other within its poll, without a restart. On SQLite
// always; on PostgreSQL too when LIANGLING_TEST_POSTGRES_URL is set (a fresh database, dropped after).
import { createHash, randomBytes } from 'node:crypto';
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
import { Client } from 'pg';
import { startGateway, type RunningGateway } from '../src/gateway';
import type { GatewayStore } from '../src/gateway-store';
import { openGatewayStore } from '../src/store/open-store';

const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Book @key(fields: "isbn") { isbn: ID! title: String! }
  type Query { books: [Book!]! }
`;
const DOCUMENT = 'query Shelf { books { title } }';
const HASH = createHash('sha256').update(DOCUMENT).digest('hex');

let books: { server: ApolloServer; http: Server; supergraphSdl: string };
let dir: string;

const run = async (gateway: RunningGateway, key: string) => {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
};
const answered = async (gateway: RunningGateway, key: string) =>
  JSON.stringify((await run(gateway, key)).body) === JSON.stringify({ data: { books: [{ title: '两邻' }] } });
const publish = (gateway: RunningGateway, key: string, documents: Record<string, string>) =>
  fetch(new URL('/apps/shelf-app/documents', gateway.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ version: '1', documents }),
  });

async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Where each backend's store lives, and how it is removed after. */
const backends: { name: string; create: () => Promise<{ location: string; drop: () => Promise<void> }> }[] = [
  {
    name: 'SQLite',
    create: async () => ({ location: join(dir, `gateway-${randomBytes(4).toString('hex')}.sqlite`), drop: async () => undefined }),
  },
];
const postgresServer = process.env['LIANGLING_TEST_POSTGRES_URL'];
if (postgresServer) {
  backends.push({
    name: 'PostgreSQL',
    create: async () => {
      const name = `liangling_store_${randomBytes(6).toString('hex')}`;
      await onServer(postgresServer, `CREATE DATABASE "${name}"`);
      const url = new URL(postgresServer);
      url.pathname = `/${name}`;
      return { location: url.toString(), drop: () => onServer(postgresServer, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
    },
  });
}

beforeAll(async () => {
  const server = new ApolloServer({
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    schema: buildSubgraphSchema([{ typeDefs: parse(SDL), resolvers: { Query: { books: () => [{ isbn: '1', title: '两邻' }] } } }]),
  });
  await server.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(server));
  const http = createServer(app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const composed = composeSupergraph([
    { name: 'books', url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`, sdl: SDL },
  ]);
  if (!composed.ok) throw new Error(composed.errors.join('\n'));
  books = { server, http, supergraphSdl: composed.supergraphSdl };
  dir = mkdtempSync(join(tmpdir(), 'liangling-store-'));
});

afterAll(async () => {
  await books?.server.stop();
  books?.http.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(backends)('two replicas, one store on $name', (backend) => {
  let replicas: RunningGateway[] = [];
  let store: GatewayStore | undefined;
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    const options = {
      supergraphSdl: books.supergraphSdl,
      auth: { secret: new TextEncoder().encode('s'.repeat(32)) },
      callerKey: new TextEncoder().encode('c'.repeat(32)),
      port: 0,
      logger: 'silent' as const,
      store: { path: created.location, pollMs: 100 },
    };
    // Started together, as replicas are: both create the tables if missing.
    replicas = await Promise.all([startGateway(options), startGateway(options)]);
    store = await openGatewayStore(created.location);
  });

  afterAll(async () => {
    await store?.close();
    await Promise.all(replicas.map((replica) => replica.stop()));
    await drop();
  });

  it('share keys and published documents, a rotation and a revocation', async () => {
    const [a, b] = replicas as [RunningGateway, RunningGateway];
    const shared = store!;
    const publisher = await shared.createKey({ name: 'shelf-app', audience: 'public', organisation: null, scopes: ['publish'] });
    const app = await shared.createKey({ name: 'shelf-app', audience: 'public', organisation: null, scopes: [] });
    // Not yet published: refused on both.
    await until(async () => (await run(b, app.key)).body.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND');

    await until(async () => (await publish(a, publisher.key, { [HASH]: DOCUMENT })).status === 200);
    // Published through replica A, answered by replica B.
    await until(() => answered(b, app.key));
    expect(await answered(a, app.key)).toBe(true);
    // A version is immutable: other documents under it are refused on the other replica, the same ones accepted again.
    const other = 'query Other { books { isbn } }';
    const refused = await publish(b, publisher.key, { [createHash('sha256').update(other).digest('hex')]: other });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('shelf-app@1 is already published with other documents');
    expect((await publish(b, publisher.key, { [HASH]: DOCUMENT })).status).toBe(200);
    expect((await shared.documents()).map((document) => document.hash)).toEqual([HASH]);

    // Rotated with a short grace: the new key works on both, the old one until the grace ends, then on neither.
    const rotated = await shared.rotateKey(app.stored.id, 1500);
    expect(rotated?.old.expiresAt).not.toBeNull();
    expect((await answered(a, app.key)) && (await answered(b, app.key))).toBe(true);
    await until(async () => (await answered(a, rotated!.key)) && (await answered(b, rotated!.key)));
    await until(async () => (await run(a, app.key)).status === 401 && (await run(b, app.key)).status === 401);
    expect((await answered(a, rotated!.key)) && (await answered(b, rotated!.key))).toBe(true);

    await shared.revokeKey(rotated!.stored.id);
    await until(async () => (await run(a, rotated!.key)).status === 401 && (await run(b, rotated!.key)).status === 401);
    // Listed by creation time, then id: two keys made in the same millisecond come in id order, so compare by id.
    const byId = (rows: (string | boolean)[][]) => [...rows].sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(byId((await shared.keys()).map((key) => [key.id, key.revokedAt !== null]))).toEqual(
      byId([
        [publisher.stored.id, false],
        [app.stored.id, false],
        [rotated!.stored.id, true],
      ]),
    );
  });
});
