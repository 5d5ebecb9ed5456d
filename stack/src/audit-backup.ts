import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

// Backing up and restoring the audit database, the way docs/reliability.md tells an operator to:
// SQLite's online backup of the file, or pg_dump/pg_restore of the audit schema (or database). The
// service is stopped for a restore; after it, `npm run -s audit -- check-anchor FILE` proves the
// chain whole and compares its end with the anchor kept outside the database.

/** Where the audit data lives: its SQLite file, or its PostgreSQL URL and schema. */
export type AuditStore = { readonly sqliteFile: string } | { readonly postgresUrl: string; readonly schema: string };

/** A consistent copy while the service runs (SQLite's backup API; pg_dump's snapshot). */
export async function backUp(store: AuditStore, to: string): Promise<void> {
  if ('sqliteFile' in store) {
    const db = new Database(store.sqliteFile, { readonly: true });
    try {
      await db.backup(to);
    } finally {
      db.close();
    }
    return;
  }
  execFileSync(
    postgresTool('pg_dump'),
    ['--format=custom', `--schema=${store.schema}`, `--file=${to}`, withoutSchemaParameter(store.postgresUrl)],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

/** Puts a copy back, replacing what is there; the audit service must be stopped. */
export function restore(store: AuditStore, from: string): void {
  if ('sqliteFile' in store) {
    // The write-ahead log belongs to the file being replaced.
    for (const suffix of ['-wal', '-shm']) rmSync(`${store.sqliteFile}${suffix}`, { force: true });
    copyFileSync(from, store.sqliteFile);
    return;
  }
  execFileSync(
    postgresTool('pg_restore'),
    ['--clean', '--if-exists', '--single-transaction', `--dbname=${withoutSchemaParameter(store.postgresUrl)}`, from],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

/** PostgreSQL's client tools: on PATH, else Debian's versioned folder. */
export function postgresTool(name: string): string {
  const folders = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort().reverse() : [];
  for (const version of folders) {
    const candidate = join('/usr/lib/postgresql', version, 'bin', name);
    if (existsSync(candidate)) return candidate;
  }
  return name;
}

function withoutSchemaParameter(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.delete('schema');
  return parsed.toString();
}
