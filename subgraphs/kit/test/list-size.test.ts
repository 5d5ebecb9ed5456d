import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { enforceListSizes } from '../src/schema/list-size';

// The kit holds a resolver to its `@listSize`: what the gateway's estimate counts is what may come back.
const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@listSize"])
  type Item { id: ID! }
  type Query {
    fixed(count: Int!): [Item!] @listSize(assumedSize: 3)
    paged(first: Int = 2, count: Int!): [Item!] @listSize(slicingArguments: ["first"], assumedSize: 5)
  }
  type Mutation { make(count: Int!): [Item!] @listSize(assumedSize: 3) }
`;
const items = (_: unknown, args: { count: number }) => Array.from({ length: args.count }, (__, n) => ({ id: String(n) }));
let reads = 0;
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
    expect(result.data).toEqual({ fixed: [{ id: '0' }, { id: '1' }, { id: '2' }], paged: [{ id: '0' }, { id: '1' }, { id: '2' }, { id: '3' }] });
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
});
