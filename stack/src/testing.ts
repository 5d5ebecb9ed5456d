import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { startStack, type RunningStack, type StackOptions } from './start-stack';

/**
 * Set to a PostgreSQL server's URL (`postgresql://postgres@127.0.0.1:5433/postgres`), every test stack
 * runs on PostgreSQL: a fresh database per stack, each department in its own schema, dropped on stop.
 * Unset, tests run on SQLite files in a temporary folder (the default).
 */
export const TEST_POSTGRES_URL_VARIABLE = 'LIANGLING_TEST_POSTGRES_URL';

/**
 * The whole stack for a test: a fresh temporary data folder (and, with LIANGLING_TEST_POSTGRES_URL, a
 * fresh PostgreSQL database), a small seeded city, every server on a free port. `stop()` stops the
 * servers and removes the folder and the database. `clock` lets a test move time for the departments'
 * deadlines; scheduled jobs do not run unless `jobIntervalMs` is given.
 */
export async function startTestStack(
  options: Pick<
    StackOptions,
    'seedResidents' | 'onQuery' | 'clock' | 'jobIntervalMs' | 'warning' | 'gateway' | 'development' | 'secrets'
  > = {},
): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'liangling-test-'));
  let database: TestDatabase | undefined;
  const cleanUp = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
  try {
    const serverUrl = process.env[TEST_POSTGRES_URL_VARIABLE];
    if (serverUrl) database = await createTestDatabase(serverUrl);
    // Scheduled jobs stay off unless a test asks: tests run them through the graph, at a time they choose.
    const stack = await startStack({
      ...options,
      dataDir,
      seedResidents: options.seedResidents ?? 800,
      gatewayPort: 0,
      subgraphPorts: {},
      jobIntervalMs: options.jobIntervalMs ?? 0,
      ...(database ? { postgres: { url: database.url, poolSize: 4 } } : {}),
    });
    const postgresUrl = database?.url;
    return {
      ...stack,
      dataDir,
      ...(postgresUrl ? { postgresUrl } : {}),
      sql: async (subgraph, statement) => {
        if (!postgresUrl) {
          const file = new Database(join(dataDir, `${subgraph}.db`));
          try {
            file.exec(statement);
          } finally {
            file.close();
          }
          return;
        }
        const client = new Client({ connectionString: postgresUrl, options: `-c search_path="${subgraph}"` });
        await client.connect();
        try {
          await client.query(statement);
        } finally {
          await client.end();
        }
      },
      stop: async () => {
        try {
          await stack.stop();
        } finally {
          await cleanUp();
        }
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

export interface TestStack extends RunningStack {
  /** The stack's temporary folder (SQLite files, development keys). */
  readonly dataDir: string;
  /** The stack's PostgreSQL database, when LIANGLING_TEST_POSTGRES_URL is set. */
  readonly postgresUrl?: string;
  /**
   * Runs a statement directly on a department's database, past its service: for tests that play
   * someone with database access (tampering with the audit trail). Same SQL on SQLite and PostgreSQL.
   */
  sql(subgraph: string, statement: string): Promise<void>;
}

export interface TestDatabase {
  /** The new database's URL. */
  readonly url: string;
  /** Drops it, closing whatever connections are left. */
  drop(): Promise<void>;
}

/**
 * A fresh database on a PostgreSQL server, for one test. Bytewise collation (`C`), as SQLite sorts:
 * departments compare region paths as ranges.
 */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `liangling_test_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
