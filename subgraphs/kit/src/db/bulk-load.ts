import { raw } from '@prisma/client-runtime-utils';
import type { DatabaseClient } from './open';
import { databaseProvider } from './open';

/** A database that runs a long function in one transaction (a Prisma client). */
export interface BulkTransactional<Tx> {
  $transaction<T>(run: (tx: Tx) => Promise<T>, options: { timeout: number }): Promise<T>;
}

/** SQLite's page cache during a bulk load, in KiB (negative: a size, not pages): indexes of millions of rows stay in memory. */
const BULK_CACHE_KIB = 131_072;

/**
 * A seed's load: one transaction (a crash mid-load leaves an empty database to seed again), with
 * SQLite's durability relaxed and its page cache enlarged for the load only, then ANALYZE so the
 * planner knows the indexes' selectivity. PostgreSQL needs none of the PRAGMAs: its one transaction is
 * durable enough.
 */
export async function bulkLoad<Tx>(
  db: DatabaseClient & BulkTransactional<Tx>,
  load: (tx: Tx) => Promise<void>,
  options: { readonly timeoutMs?: number } = {},
): Promise<void> {
  const sqlite = databaseProvider(db) === 'sqlite';
  const [before] = sqlite ? await db.$queryRaw<{ synchronous: number | bigint }[]>`PRAGMA synchronous` : [];
  const [cache] = sqlite ? await db.$queryRaw<{ cache_size: number | bigint }[]>`PRAGMA cache_size` : [];
  if (sqlite) {
    await db.$executeRaw`PRAGMA synchronous = OFF`;
    await db.$executeRaw(pragma('cache_size', -BULK_CACHE_KIB));
  }
  try {
    await db.$transaction(load, { timeout: options.timeoutMs ?? 3_600_000 });
    await db.$executeRaw`ANALYZE`;
  } finally {
    if (sqlite) {
      // As SQLite itself reported them before.
      await db.$executeRaw(pragma('synchronous', before?.synchronous ?? 2));
      await db.$executeRaw(pragma('cache_size', cache?.cache_size ?? -2000));
    }
  }
}

/** PRAGMAs take no bound values: numbers only, spliced in. */
const pragma = (name: 'synchronous' | 'cache_size', value: number | bigint) => raw(`PRAGMA ${name} = ${Number(value)}`);
