import { codedError } from '@liangling/schema';

/**
 * Places are stored as paths of region ids joined by "/" with a leading and trailing "/"
 * (`/r-2101/r-210103/r-210103-1/…/`). Everything under a region is then one contiguous range of an
 * index on `(regionPath, id)`: paths that start with the region's path sort between it and the same
 * string with its final "/" replaced by the next character, "0". A district's residents page is one
 * index range scan in a stable order (grid by grid, then by id) whatever the size of the city.
 */
export function pathRange(path: string): { readonly lower: string; readonly upper: string } {
  return { lower: path, upper: `${path.slice(0, -1)}0` };
}

/** The stored form of a path of region ids. */
export function joinPath(ids: readonly string[]): string {
  return `/${ids.join('/')}/`;
}

/** Ids from the city down to a region, out of its stored path. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

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
