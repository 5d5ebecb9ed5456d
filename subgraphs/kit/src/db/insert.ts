import { join, raw, sql } from '@prisma/client-runtime-utils';
import type { DatabaseClient } from './open';
import { sqliteConnection } from './open';
import type { BoundStatement } from './statement-cache';

/** Who is told of the rows each `insertRows` wrote: the seed command's progress. */
let observer: ((table: string, rows: number) => void) | undefined;

/** Calls `listener` with the table and row count of every `insertRows` in this process until the returned function is called. */
export function observeInserts(listener: (table: string, rows: number) => void): () => void {
  observer = listener;
  return () => {
    if (observer === listener) observer = undefined;
  };
}

/** SQLite allows 32,766 bound values per statement; staying well under keeps statements small. */
const MAX_VALUES_PER_STATEMENT = 8000;

/**
 * Inserts many rows. On SQLite, one prepared single-row statement run per row on the connection itself
 * (inside the transaction open on it, or in one of its own): no SQL text or bound-value list per batch,
 * which at a million residents was most of the seed's time and memory. Elsewhere multi-row INSERTs
 * through Prisma (its `createMany` costs about a second per thousand rows). Values are bound, never
 * spliced into the SQL; the statement counter (`onQuery`) sees one statement per multi-row batch either way.
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
  // Table and column names come from the calling code, never from input: spliced in, quoted for PostgreSQL.
  const head = `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES `;
  const connection = sqliteConnection(db);
  if (connection) {
    const text = `${head}(${columns.map(() => '?').join(', ')})`;
    const statement = connection.database.prepare(text) as unknown as BoundStatement;
    const write = () => {
      for (const row of rows) statement.bind(columns.map((column) => normalise(row[column]))).run();
    };
    if (connection.database.inTransaction) write();
    else connection.database.transaction(write)();
    for (let start = 0; start < rows.length; start += perStatement) connection.onQuery?.(text);
    observer?.(table, rows.length);
    return;
  }
  const into = raw(head);
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
    observer?.(table, chunk.length);
  }
}

function normalise(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value;
}
