import { pathRange, type CursorKey, type Page } from '@liangling/kit';
import { Prisma, type PrismaClient } from './generated/prisma/client';

/** Lists by place run grid by grid and by id within a grid: the sort key (regionPath, id) a cursor carries. */
export const PLACE_KEY = ['string', 'string'] as const;
export type PlaceKey = CursorKey<typeof PLACE_KEY>;

export function placeKeyOf(row: { readonly regionPath: string; readonly id: string }): PlaceKey {
  return [row.regionPath, row.id];
}

/**
 * One page of the rows of `table` under a region's path, in (regionPath, id) order: their ids from one
 * range of the (regionPath, id) index whatever the region's level (the row-value comparison resumes
 * after the cursor without counting what came before), narrowed by `conditions`; then the rows.
 */
export async function rowsInPlace<Row extends { readonly id: string }>(
  db: Pick<PrismaClient, '$queryRaw'>,
  table: 'Resident' | 'Building',
  path: string,
  page: Page<PlaceKey>,
  fetch: (ids: string[]) => Promise<readonly Row[]>,
  conditions: readonly Prisma.Sql[] = [],
): Promise<Row[]> {
  const { lower, upper } = pathRange(path);
  const after = page.after ? Prisma.sql` AND ("regionPath", "id") > (${page.after[0]}, ${page.after[1]})` : Prisma.empty;
  const narrowed = conditions.length > 0 ? Prisma.join(conditions, ' AND ', ' AND ') : Prisma.empty;
  const found = await db.$queryRaw<
    { id: string }[]
  >`SELECT "id" FROM ${Prisma.raw(`"${table}"`)} WHERE "regionPath" >= ${lower} AND "regionPath" < ${upper}${after}${narrowed} ORDER BY "regionPath", "id" LIMIT ${page.take}`;
  const ids = found.map((row) => row.id);
  return inOrder(ids, await fetch(ids));
}

/** Puts rows fetched by id back into the order of the ids. */
export function inOrder<T extends { readonly id: string }>(ids: readonly string[], rows: readonly T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}
