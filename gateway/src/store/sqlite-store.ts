import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  DEFAULT_ROTATION_GRACE_MS,
  mayPublish,
  newKey,
  type CreateKeyInput,
  type GatewayStore,
  type IssuedKey,
  type PublishedDocument,
  type StoredKey,
} from '../gateway-store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  audience TEXT NOT NULL CHECK (audience IN ('public', 'partner')),
  organisation TEXT,
  scopes TEXT NOT NULL DEFAULT '',
  sha256 TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS published_documents (
  app TEXT NOT NULL,
  version TEXT NOT NULL,
  hash TEXT NOT NULL,
  body TEXT NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (app, version, hash)
);
CREATE TABLE IF NOT EXISTS store_changes (id INTEGER PRIMARY KEY CHECK (id = 1), counter INTEGER NOT NULL);
INSERT OR IGNORE INTO store_changes (id, counter) VALUES (1, 0);
`;

interface KeyRow {
  id: string;
  name: string;
  audience: 'public' | 'partner';
  organisation: string | null;
  scopes: string;
  sha256: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

const keyOf = (row: KeyRow): StoredKey => ({
  id: row.id,
  name: row.name,
  audience: row.audience,
  organisation: row.organisation,
  scopes: row.scopes ? row.scopes.split(',') : [],
  sha256: row.sha256,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

/**
 * The store on one SQLite file, opened by every replica on the machine and by `npm run apikey`.
 * better-sqlite3 is synchronous; the methods are async only to share {@link GatewayStore} with PostgreSQL.
 */
export class SqliteGatewayStore implements GatewayStore {
  readonly backend = 'sqlite';
  private readonly db: Database.Database;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // Several replicas (and the apikey command) write the same file.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  async changeCounter(): Promise<number> {
    return (this.db.prepare('SELECT counter FROM store_changes WHERE id = 1').get() as { counter: number }).counter;
  }

  private touched(): void {
    this.db.prepare('UPDATE store_changes SET counter = counter + 1 WHERE id = 1').run();
  }

  async keys(): Promise<StoredKey[]> {
    return (this.db.prepare('SELECT * FROM api_keys ORDER BY created_at, id').all() as KeyRow[]).map(keyOf);
  }

  async key(id: string): Promise<StoredKey | undefined> {
    return this.keyNow(id);
  }

  private keyNow(id: string): StoredKey | undefined {
    const row = this.db.prepare('SELECT * FROM api_keys WHERE id = ?').get(id) as KeyRow | undefined;
    return row ? keyOf(row) : undefined;
  }

  private insertKey(input: CreateKeyInput, now: Date): IssuedKey {
    const { id, key, sha256 } = newKey();
    this.db
      .prepare('INSERT INTO api_keys (id, name, audience, organisation, scopes, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, input.name, input.audience, input.organisation, input.scopes.join(','), sha256, now.toISOString());
    return { key, stored: this.keyNow(id)! };
  }

  async createKey(input: CreateKeyInput, now = new Date()): Promise<IssuedKey> {
    return this.db.transaction(() => {
      const issued = this.insertKey(input, now);
      this.touched();
      return issued;
    })();
  }

  async revokeKey(id: string, now = new Date()): Promise<StoredKey | undefined> {
    return this.db.transaction(() => {
      const changed = this.db
        .prepare('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?')
        .run(now.toISOString(), id).changes;
      if (changed === 0) return undefined;
      this.touched();
      return this.keyNow(id);
    })();
  }

  async rotateKey(
    id: string,
    graceMs = DEFAULT_ROTATION_GRACE_MS,
    now = new Date(),
  ): Promise<(IssuedKey & { old: StoredKey }) | undefined> {
    return this.db.transaction(() => {
      const old = this.keyNow(id);
      if (!old || old.revokedAt) return undefined;
      const issued = this.insertKey(old, now);
      this.db.prepare('UPDATE api_keys SET expires_at = ? WHERE id = ?').run(new Date(now.getTime() + graceMs).toISOString(), id);
      this.touched();
      return { ...issued, old: this.keyNow(id)! };
    })();
  }

  async documents(): Promise<PublishedDocument[]> {
    return this.db
      .prepare('SELECT app, version, hash, body, published_at AS publishedAt FROM published_documents ORDER BY app, version, hash')
      .all() as PublishedDocument[];
  }

  async versionHashes(app: string, version: string): Promise<Set<string>> {
    return this.hashesNow(app, version);
  }

  private hashesNow(app: string, version: string): Set<string> {
    return new Set(
      (this.db.prepare('SELECT hash FROM published_documents WHERE app = ? AND version = ?').all(app, version) as { hash: string }[]).map(
        (row) => row.hash,
      ),
    );
  }

  async publish(app: string, version: string, documents: ReadonlyMap<string, string>, now = new Date()): Promise<boolean> {
    // IMMEDIATE: the check and the insert hold the write lock together, so two replicas cannot both add to one version.
    return this.db
      .transaction(() => {
        if (!mayPublish(this.hashesNow(app, version), documents)) return false;
        const insert = this.db.prepare(
          'INSERT OR IGNORE INTO published_documents (app, version, hash, body, published_at) VALUES (?, ?, ?, ?, ?)',
        );
        for (const [hash, body] of documents) insert.run(app, version, hash, body, now.toISOString());
        this.touched();
        return true;
      })
      .immediate();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
