import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';
import { applyMigrations } from './migrate';

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
}

/**
 * Connects to a department's PostgreSQL database, creates its schema, applies the twin's migrations
 * (under an advisory lock, so replicas starting together migrate once) and returns the adapter factory
 * for its Prisma client.
 */
export async function openPostgres(location: PostgresLocation): Promise<SqlDriverAdapterFactory> {
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
    await migrator.executeScript(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    await migrator.executeScript(`SELECT pg_advisory_lock(hashtext(${quoteLiteral(`liangling-migrate:${schema}`)}))`);
    try {
      await applyMigrations(migrator, location.migrationsDir);
    } finally {
      await migrator.executeScript(`SELECT pg_advisory_unlock(hashtext(${quoteLiteral(`liangling-migrate:${schema}`)}))`).catch(ignore);
    }
  } finally {
    await migrator.dispose();
  }
  return withQuestionMarkPlaceholders(new PrismaPg(config(location.poolSize ?? 10), { schema, onPoolError: ignore, onConnectionError: ignore }));
}

function splitSchema(url: string, explicit: string | undefined): { connectionString: string; schema: string } {
  const parsed = new URL(url);
  const fromUrl = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema: explicit ?? fromUrl ?? 'public' };
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Departments write raw SQL once, with SQLite's `?` placeholders; PostgreSQL numbers them (`$1`). The
 * factory's connections rewrite `?` outside quotes and comments into `$n`, for statements that carry
 * no numbered placeholder already (Prisma's own statements are numbered and pass unchanged).
 */
export function withQuestionMarkPlaceholders(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  const rewrite = <T extends SqlDriverAdapter | Transaction>(target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (property === 'queryRaw' || property === 'executeRaw') {
          return (query: SqlQuery) => (value as (query: SqlQuery) => unknown).call(object, { ...query, sql: numberPlaceholders(query.sql) });
        }
        if (property === 'startTransaction') {
          return async (...args: unknown[]) => rewrite((await (value as (...args: unknown[]) => Promise<Transaction>).apply(object, args)) as Transaction);
        }
        return (value as (...args: unknown[]) => unknown).bind(object);
      },
    });
  return new Proxy(factory, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as unknown;
      if (property === 'connect' && typeof value === 'function') {
        return async () => rewrite(await (value as () => Promise<SqlDriverAdapter>).call(object));
      }
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}

/** `?` → `$1, $2…` outside string literals, quoted identifiers and comments; unchanged when numbered already. */
export function numberPlaceholders(sql: string): string {
  if (!sql.includes('?')) return sql;
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = closing(sql, i, c);
      out += sql.slice(i, end);
      i = end - 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '$' && /\d/.test(sql[i + 1] ?? '')) {
      return sql;
    } else if (c === '?') {
      out += `$${++n}`;
    } else {
      out += c;
    }
  }
  return out;
}

/** Index just past the quote that closes the one at `start` (a doubled quote is an escaped quote). */
function closing(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}
