import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { Client } from 'pg';
import { DatabaseSetupError, migrateOrCheck, type MigrationMode } from './migrate';

/** Where a department's PostgreSQL data lives. */
export interface PostgresLocation {
  /** `postgresql://user:password@host:port/database`; a `schema` parameter is read and removed (Prisma's convention). */
  readonly url: string;
  /** The schema the department's tables live in, created when missing. @default the URL's `schema`, else `public` */
  readonly schema?: string;
  /** The twin's migrations: `prisma/postgres/migrations`. */
  readonly migrationsDir: string;
  /** Connections this process keeps to the database. @default 10 */
  readonly poolSize?: number;
  /** How long to wait for a connection before the query fails with a clear error. @default 5000 */
  readonly connectTimeoutMs?: number;
  /** Apply pending migrations, or only check there are none (a migration job applied them). @default 'apply' */
  readonly migrations?: MigrationMode;
  /** Create the database when it does not exist (with the server's `postgres` database, as the URL's user). @default false */
  readonly createDatabase?: boolean;
  /** Called with the migrations applied. */
  readonly onMigrated?: (names: readonly string[]) => void;
}

/** Collations that sort text bytewise, as SQLite does and region-path ranges need. */
const BYTEWISE = new Set(['C', 'POSIX', 'C.UTF-8', 'C.utf8']);

/**
 * Before anything is written: the database exists (or is created, when allowed) and sorts text
 * bytewise. Otherwise a {@link DatabaseSetupError} that says exactly what to do.
 */
export async function checkPostgresDatabase(location: PostgresLocation): Promise<void> {
  const { connectionString } = splitSchema(location.url, location.schema);
  const name = decodeURIComponent(new URL(connectionString).pathname.slice(1)) || 'postgres';
  const create = `CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`;
  const client = new Client({ connectionString, connectionTimeoutMillis: location.connectTimeoutMs ?? 5000 });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
    if (!location.createDatabase)
      throw new DatabaseSetupError(
        `database "${name}" does not exist: create it with ${create} (or set CREATE_DATABASES=true to let the services create it)`,
      );
    const server = new URL(connectionString);
    server.pathname = '/postgres';
    const admin = new Client({ connectionString: server.toString(), connectionTimeoutMillis: location.connectTimeoutMs ?? 5000 });
    await admin.connect();
    try {
      await admin.query(create);
    } catch (failure) {
      // Another replica created it first.
      if ((failure as { code?: string }).code !== '42P04') throw failure;
    } finally {
      await admin.end();
    }
    return checkPostgresDatabase({ ...location, createDatabase: false });
  }
  try {
    const { rows } = await client.query<{ datcollate: string; datlocprovider: string | null }>(
      'SELECT datcollate, datlocprovider::text AS datlocprovider FROM pg_database WHERE datname = current_database()',
    );
    const row = rows[0];
    const icu = row?.datlocprovider === 'i';
    if (!row || icu || !BYTEWISE.has(row.datcollate)) {
      const found = icu ? 'an ICU collation' : `LC_COLLATE '${row?.datcollate ?? 'unknown'}'`;
      throw new DatabaseSetupError(
        `database "${name}" sorts text by ${found}, not bytewise: region-path ranges need LC_COLLATE 'C'; recreate it with ${create} (see docs/reliability.md)`,
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * Connects to a department's PostgreSQL database, creates its schema, applies the twin's migrations
 * (under an advisory lock, so replicas starting together migrate once) and returns the adapter factory
 * for its Prisma client.
 */
export async function openPostgres(location: PostgresLocation): Promise<SqlDriverAdapterFactory> {
  await checkPostgresDatabase(location);
  const { connectionString, schema } = splitSchema(location.url, location.schema);
  const config = (max: number) => ({
    connectionString,
    max,
    connectionTimeoutMillis: location.connectTimeoutMs ?? 5000,
    // Raw SQL in departments names tables unqualified: the search path puts them in the department's schema.
    options: `-c search_path=${quoteIdentifier(schema)}`,
  });
  // Errors of idle connections (the server restarting) surface on the next query; the pool must not crash the process.
  const ignore = () => undefined;
  const migrator = await new PrismaPg(config(1), { schema, onPoolError: ignore, onConnectionError: ignore }).connect();
  try {
    const mode = location.migrations ?? 'apply';
    if (mode === 'apply') await migrator.executeScript(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    await migrator.executeScript(`SELECT pg_advisory_lock(hashtext(${quoteLiteral(`liangling-migrate:${schema}`)}))`);
    try {
      const applied = await migrateOrCheck(migrator, location.migrationsDir, mode, `schema "${schema}"`);
      location.onMigrated?.(applied);
    } finally {
      await migrator.executeScript(`SELECT pg_advisory_unlock(hashtext(${quoteLiteral(`liangling-migrate:${schema}`)}))`).catch(ignore);
    }
  } finally {
    await migrator.dispose();
  }
  return new PrismaPg(config(location.poolSize ?? 10), { schema, onPoolError: ignore, onConnectionError: ignore });
}

function splitSchema(url: string, explicit: string | undefined): { connectionString: string; schema: string } {
  const parsed = new URL(url);
  const fromUrl = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema: explicit ?? fromUrl ?? 'public' };
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;
