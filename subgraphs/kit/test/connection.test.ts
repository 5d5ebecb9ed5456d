import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import {
  connection,
  decodeCursor,
  encodeCursor,
  keysetAfter,
  keysetOrderBy,
  MAX_PAGE_SIZE,
  type ConnectionShape,
} from '../src/schema/connection';

interface Row {
  at: Date;
  id: string;
}
const rows: Row[] = Array.from({ length: 7 }, (_, index) => ({
  at: new Date(Date.UTC(2026, 0, 1 + Math.floor(index / 2))),
  id: `r${index}`,
}));
// Newest first, then id descending: the order of most lists.
const ordered = [...rows].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1));

/** Reads `ordered` as a keyset loader does: the rows strictly after the key, `take` of them. */
function load({ take, after }: { take: number; after: [Date, string] | undefined }): Row[] {
  const start = after ? ordered.findIndex((row) => row.at < after[0] || (row.at.getTime() === after[0].getTime() && row.id < after[1])) : 0;
  return start < 0 ? [] : ordered.slice(start, start + take);
}
const spec = { key: ['date', 'string'] as const, keyOf: (row: Row) => [row.at, row.id] as [Date, string], load };

const codeOf = (error: unknown) => (error instanceof GraphQLError ? [error.extensions['code'], error.extensions['argument']] : error);

describe('connection()', () => {
  it('walks a list page by page with opaque cursors, every row once, in order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: ConnectionShape<Row> = await connection({ first: 3, after }, spec);
      seen.push(...page.edges.map((edge) => edge.node.id));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(after).toBe(page.edges.at(-1)!.cursor);
    }
    expect(seen).toEqual(ordered.map((row) => row.id));
    expect(pages).toBe(3);
  });

  it('has no next page and no end cursor on an empty list', async () => {
    await expect(connection({ first: 5 }, { ...spec, load: () => [] })).resolves.toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });
  });

  it('refuses a first outside 1..MAX_PAGE_SIZE naming first, before loading', async () => {
    let loaded = false;
    for (const first of [0, -1, 1.5, MAX_PAGE_SIZE + 1]) {
      await expect(connection({ first }, { ...spec, load: () => ((loaded = true), []) }).catch(codeOf)).resolves.toEqual([
        'BAD_USER_INPUT',
        'first',
      ]);
    }
    expect(loaded).toBe(false);
  });

  it('refuses cursors it did not give out, naming after', async () => {
    const forged = [
      'not-a-cursor',
      encodeCursor(['r1']),
      encodeCursor([new Date(0), 'r1', 'extra']),
      encodeCursor(['yesterday', 'r1']),
      encodeCursor([5, 'r1']),
      Buffer.from('{"a":1}').toString('base64url'),
    ];
    for (const after of forged)
      await expect(connection({ first: 2, after }, spec).catch(codeOf)).resolves.toEqual(['BAD_USER_INPUT', 'after']);
  });

  it('decodes a cursor back to the typed key it was made from', () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    expect(decodeCursor(encodeCursor([at, 'id-1', 42]), ['date', 'string', 'number'])).toEqual([at, 'id-1', 42]);
  });
});

describe('keysetAfter()', () => {
  it('is "after the key" in the order given, for mixed directions', () => {
    const at = new Date(0);
    expect(
      keysetAfter(
        [
          ['supportCount', 'desc'],
          ['createdAt', 'asc'],
          ['id', 'asc'],
        ],
        [3, at, 'x'],
      ),
    ).toEqual({
      OR: [{ supportCount: { lt: 3 } }, { supportCount: 3, createdAt: { gt: at } }, { supportCount: 3, createdAt: at, id: { gt: 'x' } }],
    });
    expect(keysetAfter([['id', 'asc']], undefined)).toEqual({});
    expect(
      keysetOrderBy([
        ['at', 'desc'],
        ['id', 'desc'],
      ]),
    ).toEqual([{ at: 'desc' }, { id: 'desc' }]);
  });
});
