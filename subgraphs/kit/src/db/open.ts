import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { applyMigrations } from './migrate';

/** What the kit needs of any department's generated Prisma client. */
export interface DatabaseClient {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
  $disconnect(): Promise<void>;
}

/** What the kit passes to a department's Prisma client constructor. */
export interface ClientOptions {
  readonly adapter: SqlDriverAdapterFactory;
  readonly log?: { emit: 'event'; level: 'query' }[];
}

export interface OpenDatabaseOptions<Db> {
  /** Folder of the department's databases; one SQLite file per department, as departments own their data. */
  readonly dataDir: string;
  readonly name: string;
  readonly migrationsDir: string;
  readonly connect: (options: ClientOptions) => Db;
  /** Called with every SQL statement the client sends: for tests that count statements. */
  readonly onQuery?: (sql: string) => void;
}

/**
 * Opens a department's SQLite database under `dataDir`, brings its schema up to date and returns its
 * Prisma client. The adapter is the only SQLite-specific part: the same migrations and client code
 * run over another driver adapter.
 */
export async function openDatabase<Db extends DatabaseClient>(options: OpenDatabaseOptions<Db>): Promise<Db> {
  mkdirSync(options.dataDir, { recursive: true });
  const factory = new PrismaBetterSqlite3({ url: `file:${join(options.dataDir, `${options.name}.db`)}` });
  const connection = await factory.connect();
  try {
    // WAL lets readers go on while a writer commits; busy_timeout rides out the seeding writer.
    await connection.executeScript('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;');
    await applyMigrations(connection, options.migrationsDir);
  } finally {
    await connection.dispose();
  }
  if (!options.onQuery) return options.connect({ adapter: factory });
  const onQuery = options.onQuery;
  const db = options.connect({ adapter: factory, log: [{ emit: 'event', level: 'query' }] });
  (db as unknown as QueryEvents).$on('query', (event) => onQuery(event.query));
  return db;
}

interface QueryEvents {
  $on(event: 'query', listener: (event: { query: string }) => void): void;
}
