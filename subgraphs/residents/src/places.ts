import { codedError } from '@liangling/schema';

/** The sort key of a row in a place range, which a cursor carries. */
export function placeKey(row: { readonly regionPath: string; readonly id: string }): string {
  return `${row.regionPath}|${row.id}`;
}

/** Splits a cursor's key back into path and id; a key that is not one is the caller's mistake. */
export function parsePlaceKey(key: string): { readonly regionPath: string; readonly id: string } {
  const bar = key.lastIndexOf('|');
  if (bar <= 0) throw codedError('BAD_USER_INPUT', 'after is not a cursor this connection gave out.', { argument: 'after', field: 'after' });
  return { regionPath: key.slice(0, bar), id: key.slice(bar + 1) };
}

/** Puts rows fetched by id back into the order of the ids. */
export function inOrder<T extends { readonly id: string }>(ids: readonly string[], rows: readonly T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}
