import { join, raw, sql } from '@prisma/client-runtime-utils';
import type { DatabaseClient } from './open';

/** SQLite allows 32,766 bound values per statement; staying well under keeps statements small. */
const MAX_VALUES_PER_STATEMENT = 8000;

/**
 * Inserts many rows with multi-row INSERTs: Prisma's `createMany` costs about a second per thousand
 * rows, which makes seeding a city take hours. Values are bound, never spliced into the SQL.
 */
export async function insertRows(
  db: Pick<DatabaseClient, '$executeRaw'>,
  table: string,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const perStatement = Math.max(1, Math.floor(MAX_VALUES_PER_STATEMENT / columns.length));
  // Table and column names come from the calling seed, never from input: spliced in, quoted for PostgreSQL.
  const into = raw(`INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES `);
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const tuples = chunk.map(
      (row) =>
        sql`(${join(
          columns.map((column) => normalise(row[column])),
          ', ',
        )})`,
    );
    await db.$executeRaw(sql`${into}${join(tuples, ', ')}`);
  }
}

function normalise(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}
