import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';

/**
 * Prisma's own bookkeeping table, so that Prisma's tools would see these migrations as applied.
 * The same text works on SQLite and PostgreSQL.
 */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMP,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMP,
  "started_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies the checked-in `migrations/<name>/migration.sql` files not yet applied, in name order, each
 * in its own transaction. Prisma's CLI would download a native engine to do this; the driver adapter
 * needs nothing beyond the npm registry. Returns the names it applied.
 */
export async function applyMigrations(adapter: SqlDriverAdapter, migrationsDir: string): Promise<string[]> {
  if (!existsSync(migrationsDir)) return [];
  await adapter.executeScript(MIGRATIONS_TABLE);
  const pending = await pendingMigrations(adapter, migrationsDir);
  for (const name of pending) {
    const sql = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    const record = `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "applied_steps_count") VALUES ('${randomUUID()}', '${checksum}', CURRENT_TIMESTAMP, '${name.replace(/'/g, "''")}', 1)`;
    try {
      await adapter.executeScript(`BEGIN;\n${sql}\n;${record};\nCOMMIT;`);
    } catch (error) {
      await adapter.executeScript('ROLLBACK').catch(() => undefined);
      throw new Error(`migration ${name} failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return pending;
}

/**
 * The checked-in migrations not yet applied, in order, without changing anything: what a service
 * started with `MIGRATIONS=check` refuses to start with (the migration job, `npm run migrate`, applies them).
 */
export async function pendingMigrations(adapter: SqlDriverAdapter, migrationsDir: string): Promise<string[]> {
  if (!existsSync(migrationsDir)) return [];
  const names = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  let applied: Set<string>;
  try {
    const done = await adapter.queryRaw({
      sql: 'SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL',
      args: [],
      argTypes: [],
    });
    applied = new Set(done.rows.map((row) => String(row[0])));
  } catch {
    // No bookkeeping table: nothing was ever applied.
    applied = new Set();
  }
  return names.filter((name) => !applied.has(name));
}

/** How a service treats its migrations at start: apply what is pending, or only check none is. */
export type MigrationMode = 'apply' | 'check';

/**
 * A database that cannot be used as configured (wrong collation, missing, migrations not applied):
 * the operator's to fix, said in one line; entry points exit with 2 and nothing was written.
 */
export class DatabaseSetupError extends Error {
  override readonly name = 'DatabaseSetupError';
}

/** Applies or checks, as `mode` says. */
export async function migrateOrCheck(
  adapter: SqlDriverAdapter,
  migrationsDir: string,
  mode: MigrationMode,
  label: string,
): Promise<string[]> {
  if (mode === 'apply') return applyMigrations(adapter, migrationsDir);
  const pending = await pendingMigrations(adapter, migrationsDir);
  if (pending.length > 0)
    throw new DatabaseSetupError(
      `${label}: ${pending.length} migration(s) not applied (${pending.join(', ')}): run the migration job, npm run migrate`,
    );
  return [];
}
