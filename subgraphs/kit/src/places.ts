/**
 * Places travel between departments as paths of region ids, city first, joined by "/" with a leading
 * and trailing "/" (`/r-2101/r-210103/r-210103-1/…/`). Everything under a region is then one
 * contiguous range of an index on the path: paths that start with the region's path sort between it
 * and the same string with its final "/" replaced by the next character, "0" (byte order: SQLite's
 * default, and PostgreSQL databases created with C collation). A prefix match (`LIKE 'x%'`, Prisma's
 * `startsWith`) cannot use such an index on SQLite; the range can.
 */

/** A list of region ids, city first, as a stored path. */
export function joinPath(ids: readonly string[]): string {
  return `/${ids.join('/')}/`;
}

/** The region ids of a stored path, city first. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** The bounds of every path under `path` (itself included), for raw SQL: `p >= lower AND p < upper`. */
export function pathRange(path: string): { readonly lower: string; readonly upper: string } {
  return { lower: path, upper: `${path.slice(0, -1)}0` };
}

/** The same bounds as a Prisma string filter: `where: { regionPath: underPath(region.path) }`. */
export function underPath(path: string): { readonly gte: string; readonly lt: string } {
  const { lower, upper } = pathRange(path);
  return { gte: lower, lt: upper };
}
