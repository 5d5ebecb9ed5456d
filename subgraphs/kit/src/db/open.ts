import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { Sql } from '@prisma/client-runtime-utils';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type BetterSqlite3 from 'better-sqlite3';
import { migrateOrCheck, type MigrationMode } from './migrate';
import { openPostgres, type PostgresLocation } from './postgres';
import { cachingStatements } from './statement-cache';

/**
 * What the kit needs of any department's generated Prisma client. Raw SQL goes only through the tagged
 * templates (`$queryRaw\`…\`` or a `Prisma.sql` value): Prisma binds the values and numbers the
 * placeholders the way each engine wants (`?` for SQLite, `$1` for PostgreSQL).
 */
export interface DatabaseClient {
  $executeRaw(query: TemplateStringsArray | Sql, ...values: unknown[]): PromiseLike<number>;
  $queryRaw<T = unknown>(query: TemplateStringsArray | Sql, ...values: unknown[]): PromiseLike<T>;
  $disconnect(): Promise<void>;
}

/** The two engines a department's data can live in: the embedded default, or PostgreSQL. */
export type DatabaseProvider = 'sqlite' | 'postgresql';

/** What the kit passes to a department's Prisma client constructor. */
export interface ClientOptions {
  readonly adapter: SqlDriverAdapterFactory;
  /**
   * Which of the department's two generated clients to build: `src/generated/prisma` (SQLite) or its
   * twin `src/generated/prisma-pg` (PostgreSQL). Same models; a client refuses an adapter of the other provider.
   */
  readonly provider: DatabaseProvider;
  readonly log?: { emit: 'event'; level: 'query' }[];
}

export type { PostgresLocation } from './postgres';

export interface OpenDatabaseOptions<Db> {
  /** Folder of the department's databases; one SQLite file per department, as departments own their data. */
  readonly dataDir: string;
  readonly name: string;
  /** The SQLite migrations: `prisma/migrations`. */
  readonly migrationsDir: string;
  /** PostgreSQL instead of the SQLite file under `dataDir`. @default SQLite */
  readonly postgres?: PostgresLocation;
  readonly connect: (options: ClientOptions) => Db;
  /** Called with every SQL statement the client sends: for tests that count statements. */
  readonly onQuery?: (sql: string) => void;
  /** Apply pending migrations, or only check there are none (`npm run migrate` applied them). @default 'apply' */
  readonly migrations?: MigrationMode;
  /** Called with the names of the migrations applied. */
  readonly onMigrated?: (names: readonly string[]) => void;
}

const providers = new WeakMap<object, DatabaseProvider>();

/** The SQLite connection under a client the kit opened, and who counts its statements. */
export interface SqliteConnection {
  /** Its `prepare` returns the cached, bindable statements of statement-cache.ts. */
  readonly database: BetterSqlite3.Database;
  readonly onQuery?: (sql: string) => void;
}

/**
 * Keyed by the client's engine, which a transaction's client shares with the client it came from:
 * statements run on the connection directly are inside whatever transaction is open on it.
 */
const sqliteConnections = new WeakMap<object, { database?: BetterSqlite3.Database; onQuery?: (sql: string) => void }>();
const engineOf = (db: object): object | undefined => (db as { _engine?: object })._engine;

/**
 * The SQLite connection under a client (or a transaction's client) the kit opened, once the client
 * has connected; undefined on PostgreSQL, before the first query, or for clients the kit did not open.
 * For the bulk paths only (insertRows): everything else goes through Prisma.
 */
export function sqliteConnection(db: object): SqliteConnection | undefined {
  const engine = engineOf(db);
  const entry = engine ? sqliteConnections.get(engine) : undefined;
  return entry?.database ? { database: entry.database, ...(entry.onQuery ? { onQuery: entry.onQuery } : {}) } : undefined;
}

/**
 * The engine behind a client `openDatabase` returned: for the few statements that differ (SQLite's
 * PRAGMAs). Clients the kit did not open count as SQLite, the default.
 */
export function databaseProvider(db: object): DatabaseProvider {
  return providers.get(db) ?? 'sqlite';
}

/**
 * Opens a department's database, brings its schema up to date and returns its Prisma client: by
 * default a SQLite file under `dataDir`; with `postgres`, that database (the twin's migrations, the
 * twin client). The adapter is the only engine-specific part: department code runs unchanged on both.
 */
export async function openDatabase<Db extends DatabaseClient>(options: OpenDatabaseOptions<Db>): Promise<Db> {
  let factory: SqlDriverAdapterFactory;
  let provider: DatabaseProvider;
  const connection: { database?: BetterSqlite3.Database; onQuery?: (sql: string) => void } = {
    ...(options.onQuery ? { onQuery: options.onQuery } : {}),
  };
  if (options.postgres) {
    factory = await openPostgres({
      ...options.postgres,
      ...(options.migrations ? { migrations: options.migrations } : {}),
      ...(options.onMigrated ? { onMigrated: options.onMigrated } : {}),
    });
    provider = 'postgresql';
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    factory = cachingStatements(
      new PrismaBetterSqlite3({ url: `file:${join(options.dataDir, `${options.name}.db`)}` }),
      (database) => (connection.database = database),
    );
    provider = 'sqlite';
    const setup = await factory.connect();
    try {
      // WAL lets readers go on while a writer commits; busy_timeout rides out the seeding writer.
      await setup.executeScript('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;');
      const applied = await migrateOrCheck(setup, options.migrationsDir, options.migrations ?? 'apply', `${options.name}.db`);
      options.onMigrated?.(applied);
    } finally {
      await setup.dispose();
      // That connection is closed: the client's own, made at its first query, is the one to use.
      delete connection.database;
    }
  }
  const onQuery = options.onQuery;
  const db = onQuery
    ? options.connect({ adapter: factory, provider, log: [{ emit: 'event', level: 'query' }] })
    : options.connect({ adapter: factory, provider });
  if (onQuery) (db as unknown as QueryEvents).$on('query', (event) => onQuery(event.query));
  providers.set(db, provider);
  const engine = engineOf(db);
  if (provider === 'sqlite' && engine) sqliteConnections.set(engine, connection);
  return db;
}

/**
 * After a bulk load that wrote ids itself (seeds): PostgreSQL's sequences behind autoincrement ids
 * must move past the largest id, or the next insert collides. SQLite needs nothing.
 */
export async function afterBulkLoad(db: DatabaseClient): Promise<void> {
  if (databaseProvider(db) !== 'postgresql') return;
  await db.$executeRaw`DO $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT s.relname AS seq, t.relname AS tbl, a.attname AS col
    FROM pg_class s
    JOIN pg_depend d ON d.objid = s.oid AND d.deptype = 'a'
    JOIN pg_class t ON t.oid = d.refobjid
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
    WHERE s.relkind = 'S' AND s.relnamespace = current_schema()::regnamespace
  LOOP
    EXECUTE format('SELECT setval(%L, COALESCE((SELECT MAX(%I) FROM %I), 0) + 1, false)', quote_ident(r.seq), r.col, r.tbl);
  END LOOP;
END $$`;
}

interface QueryEvents {
  $on(event: 'query', listener: (event: { query: string }) => void): void;
}
