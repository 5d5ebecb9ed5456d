import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeSupergraph } from '@liangling/schema';
import express from 'express';
import { GraphQLError, parse } from 'graphql';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startGateway, type GatewayOptions, type RunningGateway } from '../../src/gateway';

// Two small subgraphs that are not ours (the gateway serves any supergraph): people, and the tickets
// people have opened, joined on Person. Each can be slowed, made to drop connections, or stopped.

const PEOPLE_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Person @key(fields: "id") { id: ID! name: String! secret: String friends(first: Int): [Person!]! }
  type Query { people(first: Int): [Person!]! person(id: ID!): Person }
`;
const TICKETS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Person @key(fields: "id") { id: ID! tickets: [Ticket!] }
  type Ticket { id: ID! title: String! }
  type Query { ticket(id: ID!): Ticket boom: String }
  type Mutation { openTicket(title: String!): Ticket! }
`;

const PEOPLE = [
  { id: 'p1', name: 'Ann' },
  { id: 'p2', name: 'Bo' },
  { id: 'p3', name: 'Cy' },
];

/** How a stub behaves for its next requests. */
export interface StubBehaviour {
  /** Milliseconds before answering. */
  delayMs: number;
  /** Requests to answer by destroying the connection (a connection failure). */
  dropNext: number;
  /** An HTTP answer given instead of GraphQL's (e.g. a 503 refusing the request), when set. */
  answer?: { readonly status: number; readonly body: unknown } | undefined;
  /** Extra milliseconds before answering requests whose operation this says is heavy. */
  heavy?: { readonly when: (query: string) => boolean; readonly delayMs: number } | undefined;
  /** Held until it settles before answering, when set: a test decides when a slow subgraph answers. */
  hold?: Promise<void> | undefined;
}

export interface StubSubgraph {
  readonly name: string;
  readonly url: string;
  readonly behaviour: StubBehaviour;
  /** Every request that reached GraphQL: its headers and operation. */
  readonly requests: { headers: IncomingHttpHeaders; query: string }[];
  /** Every HTTP request, dropped ones included. */
  attempts: number;
  /** TCP connections accepted so far. */
  connections: number;
  stop(): Promise<void>;
  /** Starts again on the same port. */
  restart(): Promise<void>;
}

/** A gateway on port 0 in front of the stub graph, with the test keys and `options` (silent unless they say). */
export function gatewayOnStubs(graph: StubGraph, options: Partial<GatewayOptions> = {}): Promise<RunningGateway> {
  return startGateway({
    supergraphSdl: graph.supergraphSdl,
    auth: { secret: SECRETS.jwt },
    callerKey: SECRETS.caller,
    port: 0,
    logger: 'silent',
    ...options,
  });
}

/** A plain subgraph on port 0 from an SDL and its resolvers (someone else's, as the gateway sees it). */
export async function serveSubgraph(
  sdl: string,
  resolvers: Record<string, unknown>,
  options: { includeStacktraceInErrorResponses?: boolean } = {},
): Promise<{ url: string; stop(): Promise<void> }> {
  const server = new ApolloServer({
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    ...options,
    schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers as never }]),
  });
  await server.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(server));
  const http = createServer(app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`,
    stop: async () => {
      await server.stop();
      http.close();
    },
  };
}

async function startStub(name: string, sdl: string, resolvers: Record<string, unknown>, port = 0): Promise<StubSubgraph> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers as never }]),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  const stub: StubSubgraph = {
    name,
    url: '',
    behaviour: { delayMs: 0, dropNext: 0 },
    requests: [],
    attempts: 0,
    connections: 0,
    stop: async () => undefined,
    restart: async () => undefined,
  };
  const app = express();
  app.use('/graphql', async (req, _res, next) => {
    stub.attempts += 1;
    if (stub.behaviour.dropNext > 0) {
      stub.behaviour.dropNext -= 1;
      req.socket.destroy();
      return;
    }
    if (stub.behaviour.delayMs > 0) await delay(stub.behaviour.delayMs);
    await stub.behaviour.hold;
    next();
  });
  app.use('/graphql', express.json(), async (req, res, next) => {
    const { answer, heavy } = stub.behaviour;
    if (answer) {
      res.status(answer.status).json(answer.body);
      return;
    }
    if (heavy?.when(String((req.body as { query?: unknown }).query ?? ''))) await delay(heavy.delayMs);
    next();
  });
  app.use(
    '/graphql',
    express.json(),
    (req, _res, next) => {
      stub.requests.push({ headers: req.headers, query: String((req.body as { query?: unknown }).query ?? '') });
      next();
    },
    expressMiddleware(server),
  );
  let http: Server;
  const sockets = new Set<Socket>();
  const listen = async (onPort: number) => {
    http = createServer(app);
    http.on('connection', (socket) => {
      stub.connections += 1;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => http.listen(onPort, '127.0.0.1', resolve));
    return (http.address() as AddressInfo).port;
  };
  const boundPort = await listen(port);
  const closeHttp = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  };
  return Object.assign(stub, {
    url: `http://127.0.0.1:${boundPort}/graphql`,
    stop: async () => {
      await closeHttp();
      await server.stop();
    },
    restart: async () => {
      await listen(boundPort);
    },
    closeHttp,
  });
}

export interface StubGraph {
  readonly people: StubSubgraph;
  readonly tickets: StubSubgraph & { closeHttp(): Promise<void> };
  readonly supergraphSdl: string;
  stop(): Promise<void>;
}

/** Starts both stubs and composes their supergraph. */
export async function startStubGraph(): Promise<StubGraph> {
  const people = await startStub('people', PEOPLE_SDL, {
    Query: {
      people: (_: unknown, { first }: { first?: number }) => PEOPLE.slice(0, first ?? PEOPLE.length),
      person: (_: unknown, { id }: { id: string }) => PEOPLE.find((person) => person.id === id) ?? null,
    },
    Person: {
      __resolveReference: (ref: { id: string }) => PEOPLE.find((person) => person.id === ref.id),
      friends: () => PEOPLE,
      // What a department's privacy middleware does for a field the caller may not see.
      secret: () => {
        throw new GraphQLError('You may not see Person.secret.', { extensions: { code: 'FORBIDDEN_FIELD', field: 'Person.secret' } });
      },
    },
  });
  const tickets = (await startStub('tickets', TICKETS_SDL, {
    Query: {
      ticket: (_: unknown, { id }: { id: string }) => ({ id, title: `ticket ${id}` }),
      boom: () => {
        throw new Error('SQLITE_ERROR: no such table secret_things at /srv/app/db.ts');
      },
    },
    Mutation: { openTicket: (_: unknown, { title }: { title: string }) => ({ id: 't-new', title }) },
    Person: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      tickets: (person: { id: string }) => [{ id: `t-${person.id}`, title: `${person.id}'s ticket` }],
    },
  })) as StubSubgraph & { closeHttp(): Promise<void> };
  const composed = composeSupergraph([
    { name: 'people', url: people.url, sdl: PEOPLE_SDL },
    { name: 'tickets', url: tickets.url, sdl: TICKETS_SDL },
  ]);
  if (!composed.ok) throw new Error(composed.errors.join('\n'));
  return {
    people,
    tickets,
    supergraphSdl: composed.supergraphSdl,
    stop: async () => {
      await Promise.allSettled([people.stop(), tickets.stop()]);
    },
  };
}

export const SECRETS = { jwt: new TextEncoder().encode('j'.repeat(32)), caller: new TextEncoder().encode('c'.repeat(32)) };

/** One GraphQL POST to a gateway; returns status, headers and parsed body. */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed };
}
