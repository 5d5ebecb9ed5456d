import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { ROWS_PER_REQUEST, enforceListSizes } from '../src/schema/list-size';

// The kit holds a resolver to its `@listSize`: what the gateway's estimate counts is what may come back.
const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@listSize"])
  type Item { id: ID! }
  type Query {
    fixed(count: Int!): [Item!] @listSize(assumedSize: 3)
    paged(first: Int = 2, count: Int!): [Item!] @listSize(slicingArguments: ["first"], assumedSize: 5)
    big(first: Int = 10): [Item!] @listSize(slicingArguments: ["first"], assumedSize: 2000)
    many(count: Int!): [Item!] @listSize(assumedSize: 3000)
  }
  type Mutation { make(count: Int!): [Item!] @listSize(assumedSize: 3) }
`;
const items = (_: unknown, args: { count: number }) => Array.from({ length: args.count }, (__, n) => ({ id: String(n) }));
let reads = 0;
let bigReads = 0;
const schema = enforceListSizes(
  buildSubgraphSchema([
    {
      typeDefs: parse(SDL),
      resolvers: {
        Query: {
          fixed: items,
          paged: (source: unknown, args: { count: number }) => {
            reads += 1;
            return items(source, args);
          },
          big: (_: unknown, args: { first: number }) => {
            bigReads += 1;
            return items(_, { count: args.first });
          },
          many: items,
        },
        Mutation: { make: items },
      } as never,
    },
  ]),
);
const run = (source: string) => graphql({ schema, source });

describe('enforceListSizes', () => {
  it('passes lists within their declared size', async () => {
    const result = await run('{ fixed(count: 3) { id } paged(first: 4, count: 4) { id } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      fixed: [{ id: '0' }, { id: '1' }, { id: '2' }],
      paged: [{ id: '0' }, { id: '1' }, { id: '2' }, { id: '3' }],
    });
  });

  it('refuses a list longer than declared, at its path, the rest standing', async () => {
    const result = await run('{ fixed(count: 4) { id } paged(count: 1) { id } }');
    expect(result.data).toEqual({ fixed: null, paged: [{ id: '0' }] });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'RESULT_TOO_LARGE', limit: 3, actual: 4 });
    expect(result.errors?.[0]?.path).toEqual(['fixed']);
  });

  it('refuses a slicing argument above the maximum before the resolver reads anything, and holds the resolver to the argument', async () => {
    const before = reads;
    const above = await run('{ paged(first: 6, count: 1) { id } }');
    expect(above.errors?.[0]?.extensions).toMatchObject({ code: 'RESULT_TOO_LARGE', argument: 'first', limit: 5 });
    expect(reads).toBe(before);
    const ignored = await run('{ paged(count: 3) { id } }');
    expect(ignored.errors?.[0]?.extensions).toMatchObject({ code: 'RESULT_TOO_LARGE', limit: 2, actual: 3 });
  });

  it('sends a mutation’s result whole: it has written already', async () => {
    const result = await run('mutation { make(count: 4) { id } }');
    expect(result.errors).toBeUndefined();
    expect((result.data?.['make'] as unknown[]).length).toBe(4);
  });

  it('holds one request to ROWS_PER_REQUEST rows: a page is reserved before it is read, other lists count what they hold', async () => {
    // One request: one context object (each department request has its own).
    const request = (source: string) => graphql({ schema, source, contextValue: {} });
    expect(ROWS_PER_REQUEST).toBe(2500);
    const before = bigReads;
    const pages = await request('{ a: big(first: 2000) { id } b: big(first: 2000) { id } c: big(first: 400) { id } }');
    // The second page would cross 2,500: refused before its resolver runs; the smaller third fits.
    expect(pages.errors?.map((error) => [error.path?.[0], error.extensions?.['code'], error.extensions?.['actual']])).toEqual([
      ['b', 'RESULT_TOO_LARGE', 4000],
    ]);
    expect(bigReads - before).toBe(2);
    expect((pages.data?.['a'] as unknown[]).length + (pages.data?.['c'] as unknown[]).length).toBe(2400);
    // A list without a page counts what it held: past the budget it is refused, not sent.
    const held = await request('{ big(first: 2000) { id } many(count: 600) { id } }');
    expect(held.errors?.[0]).toMatchObject({ path: ['many'], extensions: { code: 'RESULT_TOO_LARGE', limit: 2500, actual: 2600 } });
    // Every request starts afresh.
    expect((await request('{ big(first: 2000) { id } }')).errors).toBeUndefined();
  });
});
