import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type BetterSqlite3 from 'better-sqlite3';

/** Distinct statements kept prepared per connection; past it the cache starts again (multi-row inserts vary). */
const MAX_CACHED_STATEMENTS = 1000;

/**
 * Prisma's SQLite adapter prepares every statement anew (`prepare` was 4 % of the subgraphs' CPU under
 * load). This keeps each connection's statements prepared by their SQL text and lets the adapter
 * bind them per call. Safe because better-sqlite3 is synchronous: a statement runs to completion
 * before the next call can reuse it. Only the connection is wrapped; queries and results are unchanged.
 */
export function cachingStatements(
  factory: SqlDriverAdapterFactory,
  onConnect?: (client: BetterSqlite3.Database) => void,
): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async (): Promise<SqlDriverAdapter> => {
      const adapter = await factory.connect();
      const client = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
      if (client && typeof client.prepare === 'function') {
        cachePrepare(client);
        onConnect?.(client);
      }
      return adapter;
    },
  };
}

type Statement = BetterSqlite3.Statement<unknown[]>;

/** What the adapter calls on a prepared statement: `bind(args)` once, then `run()`, or `columns()` and `raw().all()`. */
export class BoundStatement {
  private args: unknown[] = [];

  constructor(private readonly statement: Statement) {}

  get reader(): boolean {
    return this.statement.reader;
  }

  bind(args: unknown[]): this {
    this.args = args;
    return this;
  }

  run(): BetterSqlite3.RunResult {
    return this.statement.run(this.args);
  }

  columns(): BetterSqlite3.ColumnDefinition[] {
    return this.statement.columns();
  }

  raw(): { all: () => unknown[] } {
    return { all: () => this.statement.raw(true).all(this.args) };
  }
}

function cachePrepare(client: BetterSqlite3.Database): void {
  const prepare = client.prepare.bind(client) as (sql: string) => Statement;
  let cache = new Map<string, Statement>();
  (client as unknown as { prepare: (sql: string) => BoundStatement }).prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= MAX_CACHED_STATEMENTS) cache = new Map();
      statement = prepare(sql);
      cache.set(sql, statement);
    }
    return new BoundStatement(statement);
  };
}
