// A supergraph file replaced under a running gateway: the new field is served, no request fails, and
// a file that does not load keeps the old supergraph, said on /health.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { composeSupergraph } from '@liangling/schema';
import { startGateway, type RunningGateway } from '../src/gateway';
import { serveSubgraph } from './support/stub-subgraphs';

const V1 = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Book @key(fields: "isbn") { isbn: ID! title: String! }
  type Query { books: [Book!]! }
`;
// The department's next release: one more field.
const V2 = V1.replace('title: String!', 'title: String! author: String!');

let books: Awaited<ReturnType<typeof serveSubgraph>>;
let gateway: RunningGateway;
let dir: string;
let file: string;
let url: string;

const supergraphOf = (sdl: string): string => {
  const composed = composeSupergraph([{ name: 'books', url, sdl }]);
  if (!composed.ok) throw new Error(composed.errors.join('\n'));
  return composed.supergraphSdl;
};

const ask = async (query: string) => {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
  };
};

const OPERATOR_TOKEN = 'o'.repeat(32);
const health = async () =>
  (await (await fetch(new URL('/health', gateway.url), { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })).json()) as {
    supergraph: { served: string; lastError?: { message: string } };
  };

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  // The subgraph already runs its next release; the gateway learns of the field from the supergraph.
  books = await serveSubgraph(V2, { Query: { books: () => [{ isbn: '978-7', title: '两邻', author: '沈阳' }] } });
  url = books.url;
  dir = mkdtempSync(join(tmpdir(), 'liangling-reload-'));
  file = join(dir, 'supergraph.graphql');
  const first = supergraphOf(V1);
  writeFileSync(file, first);
  gateway = await startGateway({
    supergraphSdl: first,
    supergraphPath: file,
    auth: { secret: new TextEncoder().encode('s'.repeat(32)) },
    callerKey: new TextEncoder().encode('c'.repeat(32)),
    port: 0,
    logger: 'silent',
    operator: { token: OPERATOR_TOKEN },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await books?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a supergraph replaced under a running gateway', () => {
  it('serves the new field, and no request fails while it swaps', async () => {
    expect((await ask('{ books { author } }')).body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const before = (await health()).supergraph.served;

    // Requests keep coming, 10 at a time, while the file is replaced: at least 20 answered before the
    // swap and 20 after it (counted, not timed, so a slow machine proves the same; bounded: 400 in all).
    let swapped = false;
    let answeredAtSwap = 0;
    const outcomes: { status: number; ok: boolean }[] = [];
    const done = () => outcomes.length >= 400 || (swapped && outcomes.length >= answeredAtSwap + 20);
    const load = Array.from({ length: 10 }, async () => {
      while (!done()) {
        const answer = await ask('{ books { isbn title } }');
        outcomes.push({
          status: answer.status,
          ok:
            answer.body.errors === undefined &&
            JSON.stringify(answer.body.data) === JSON.stringify({ books: [{ isbn: '978-7', title: '两邻' }] }),
        });
      }
    });
    await until(async () => outcomes.length >= 20);
    writeFileSync(file, supergraphOf(V2));
    await until(async () => (await health()).supergraph.served !== before);
    answeredAtSwap = outcomes.length;
    swapped = true;
    await Promise.all(load);

    expect(answeredAtSwap).toBeGreaterThanOrEqual(20);
    expect(outcomes.length).toBeGreaterThanOrEqual(Math.min(400, answeredAtSwap + 20));
    expect(outcomes.filter((outcome) => !outcome.ok || outcome.status !== 200)).toEqual([]);
    expect((await ask('{ books { title author } }')).body).toEqual({ data: { books: [{ title: '两邻', author: '沈阳' }] } });
  });

  it('keeps serving the old supergraph when the new file does not load, and says why on /health', async () => {
    const served = (await health()).supergraph.served;
    writeFileSync(file, 'this is not a supergraph {');
    await until(async () => (await health()).supergraph.lastError !== undefined);
    const report = await health();
    expect(report.supergraph.served).toBe(served);
    expect(report.supergraph.lastError?.message).toMatch(/Syntax Error/);
    expect((await ask('{ books { title author } }')).body).toEqual({ data: { books: [{ title: '两邻', author: '沈阳' }] } });
  });
});
