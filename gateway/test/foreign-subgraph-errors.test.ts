// A standalone gateway in front of someone else's subgraphs: their error codes pass to callers, with
// the subgraph's name, when the operator trusts them; anything else stays masked; no stack traces.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { composeSupergraph } from '@liangling/schema';
import { GraphQLError } from 'graphql';
import { startGateway, type RunningGateway } from '../src/gateway';
import { serveSubgraph } from './support/stub-subgraphs';

const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Book @key(fields: "isbn") { isbn: ID! title: String! }
  type Query { book(isbn: ID!): Book  broken: String  gone: String }
`;

let books: Awaited<ReturnType<typeof serveSubgraph>>;
let trusting: RunningGateway;
let masking: RunningGateway;

beforeAll(async () => {
  // The foreign subgraph sends its stack traces: the gateway must not pass them on.
  books = await serveSubgraph(
    SDL,
    {
      Query: {
        book: () => {
          throw new GraphQLError('No book has that ISBN.', { extensions: { code: 'BOOK_NOT_FOUND', isbn: 'x' } });
        },
        gone: () => {
          throw new GraphQLError('No such shelf.', { extensions: { code: 'NOT_FOUND' } });
        },
        broken: () => {
          throw new GraphQLError('connect ECONNREFUSED 10.0.0.7:5432 (books_db)', { extensions: { code: 'DB_DOWN' } });
        },
      },
    },
    { includeStacktraceInErrorResponses: true },
  );
  const composed = composeSupergraph([{ name: 'books', url: books.url, sdl: SDL }]);
  if (!composed.ok) throw new Error(composed.errors.join('\n'));
  const base = {
    supergraphSdl: composed.supergraphSdl,
    auth: { secret: new TextEncoder().encode('s'.repeat(32)) },
    callerKey: new TextEncoder().encode('c'.repeat(32)),
    port: 0,
    logger: 'silent' as const,
  };
  trusting = await startGateway({ ...base, trustedSubgraphErrorCodes: ['BOOK_NOT_FOUND'] });
  masking = await startGateway(base);
});

afterAll(async () => {
  await Promise.all([trusting?.stop(), masking?.stop()]);
  await books?.stop();
});

const ask = async (gateway: RunningGateway, query: string) => {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { text: await response.text() };
};

describe('error codes of foreign subgraphs', () => {
  it('pass with serviceName when trusted, and nothing else of the subgraph’s extensions', async () => {
    const { text } = await ask(trusting, '{ book(isbn: "x") { title } }');
    expect(JSON.parse(text).errors).toEqual([
      { message: 'No book has that ISBN.', path: ['book'], extensions: { code: 'BOOK_NOT_FOUND', serviceName: 'books' } },
    ]);
  });

  it('stay masked when not trusted, with no message, address or stack trace leaking', async () => {
    for (const [gateway, query] of [
      [trusting, '{ broken }'],
      [masking, '{ book(isbn: "x") { title } }'],
    ] as const) {
      const { text } = await ask(gateway, query);
      expect(JSON.parse(text).errors).toEqual([
        expect.objectContaining({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
      ]);
      expect(text).not.toMatch(/stacktrace|ECONNREFUSED|10\.0\.0\.7|No book has that ISBN/);
    }
  });

  it('keep a code of our registry, without the subgraph’s stack trace', async () => {
    const { text } = await ask(masking, '{ gone }');
    expect(JSON.parse(text).errors).toEqual([
      expect.objectContaining({ message: 'No such shelf.', extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }),
    ]);
    expect(text).not.toMatch(/stacktrace/);
  });
});
