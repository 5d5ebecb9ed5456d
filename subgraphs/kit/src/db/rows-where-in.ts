import { join, raw, sql } from '@prisma/client-runtime-utils';
import type { DatabaseClient } from './open';

/** SQLite binds at most 32,766 values per statement; a request's rows are capped far below (ROWS_PER_REQUEST). */
const MAX_VALUES = 30_000;

/**
 * Whole rows of a table whose `column` is one of `values`, optionally ordered, in one raw statement:
 * the hot reads of a page (residents by id, their requests by submitter). Prisma's raw results come
 * back typed by the columns' declared types exactly as its `findMany` returns them (booleans, dates;
 * the kit's tests compare the two), without its query compilation and result mapping, which cost twice
 * the statement itself on a page of 50. `Row` is the model's row type.
 */
export async function rowsWhereIn<Row>(
  db: Pick<DatabaseClient, '$queryRaw'>,
  table: string,
  column: string,
  values: readonly string[],
  orderBy: readonly { readonly column: string; readonly direction: 'ASC' | 'DESC' }[] = [],
): Promise<Row[]> {
  if (values.length === 0) return [];
  if (values.length > MAX_VALUES) throw new Error(`rowsWhereIn: ${values.length} values in one statement (at most ${MAX_VALUES})`);
  // Table and column names come from department code, never from input: spliced in, quoted for PostgreSQL.
  const from = raw(`SELECT * FROM "${table}" WHERE "${column}" IN `);
  const order = raw(orderBy.length ? ` ORDER BY ${orderBy.map((part) => `"${part.column}" ${part.direction}`).join(', ')}` : '');
  return db.$queryRaw<Row[]>(sql`${from}(${join([...values])})${order}`);
}
