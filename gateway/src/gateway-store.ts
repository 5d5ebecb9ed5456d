import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { sha256Hex } from './trusted-documents';

/**
 * What the gateway replicas share and change while they run: the API keys issued with
 * `npm run apikey` and the documents apps publish. One SQLite file (`DATA_DIR/gateway.sqlite`),
 * opened by every replica on the machine; each polls a change counter and reloads what changed, so
 * a key or a document is live everywhere within a poll interval, without a restart.
 *
 * Only hashes of keys are stored: a copy of the file grants nothing.
 */
export interface StoredKey {
  readonly id: string;
  /** The app (or partner integration) the key is for; its published documents are the key's safelist. */
  readonly name: string;
  readonly audience: 'public' | 'partner';
  readonly organisation: string | null;
  /** `publish`: may publish the app's documents. */
  readonly scopes: readonly string[];
  readonly sha256: string;
  readonly createdAt: string;
  /** After a rotation: the old key works until then. */
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

export interface PublishedDocument {
  readonly app: string;
  readonly version: string;
  readonly hash: string;
  readonly body: string;
  readonly publishedAt: string;
}

/** How long a rotated key keeps working, unless `rotate --grace` says otherwise. */
export const DEFAULT_ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

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

/** A new key: 32 random bytes, prefixed so that a leaked one is recognisable in logs and scanners. */
function newKey(): string {
  return `ll_${randomBytes(32).toString('base64url')}`;
}

export type CreateKeyInput = Pick<StoredKey, 'name' | 'audience' | 'organisation' | 'scopes'>;

/** The store of keys and published documents, on one SQLite file. */
export class GatewayStore {
  private readonly db: Database.Database;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // Several replicas (and the apikey command) write the same file.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  /** Increases on every change; replicas poll it. */
  changeCounter(): number {
    return (this.db.prepare('SELECT counter FROM store_changes WHERE id = 1').get() as { counter: number }).counter;
  }

  private touched(): void {
    this.db.prepare('UPDATE store_changes SET counter = counter + 1 WHERE id = 1').run();
  }

  keys(): StoredKey[] {
    return (this.db.prepare('SELECT * FROM api_keys ORDER BY created_at, id').all() as KeyRow[]).map(keyOf);
  }

  key(id: string): StoredKey | undefined {
    const row = this.db.prepare('SELECT * FROM api_keys WHERE id = ?').get(id) as KeyRow | undefined;
    return row ? keyOf(row) : undefined;
  }

  /** Issues a key; returns it (the only time it exists in the clear) with its stored record. */
  createKey(input: CreateKeyInput, now = new Date()): { key: string; stored: StoredKey } {
    const key = newKey();
    const id = `key_${randomUUID().slice(0, 8)}`;
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO api_keys (id, name, audience, organisation, scopes, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, input.name, input.audience, input.organisation, input.scopes.join(','), sha256Hex(key), now.toISOString());
      this.touched();
    })();
    return { key, stored: this.key(id)! };
  }

  /** Revokes a key at once; `undefined` when there is no such key. */
  revokeKey(id: string, now = new Date()): StoredKey | undefined {
    return this.db.transaction(() => {
      const changed = this.db.prepare('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(now.toISOString(), id).changes;
      if (changed === 0) return undefined;
      this.touched();
      return this.key(id);
    })();
  }

  /** A new key with the same identity; the old one keeps working for `graceMs`. */
  rotateKey(id: string, graceMs = DEFAULT_ROTATION_GRACE_MS, now = new Date()): { key: string; stored: StoredKey; old: StoredKey } | undefined {
    const old = this.key(id);
    if (!old || old.revokedAt) return undefined;
    const created = this.createKey(old, now);
    this.db.transaction(() => {
      this.db.prepare('UPDATE api_keys SET expires_at = ? WHERE id = ?').run(new Date(now.getTime() + graceMs).toISOString(), id);
      this.touched();
    })();
    return { ...created, old: this.key(id)! };
  }

  documents(): PublishedDocument[] {
    return (this.db.prepare('SELECT app, version, hash, body, published_at AS publishedAt FROM published_documents ORDER BY app, version, hash').all() as PublishedDocument[]);
  }

  /** The hashes already published as one version of an app. */
  versionHashes(app: string, version: string): Set<string> {
    return new Set((this.db.prepare('SELECT hash FROM published_documents WHERE app = ? AND version = ?').all(app, version) as { hash: string }[]).map((row) => row.hash));
  }

  /** Stores one version of an app's documents, all or none. */
  publish(app: string, version: string, documents: ReadonlyMap<string, string>, now = new Date()): void {
    this.db.transaction(() => {
      const insert = this.db.prepare('INSERT OR IGNORE INTO published_documents (app, version, hash, body, published_at) VALUES (?, ?, ?, ?, ?)');
      for (const [hash, body] of documents) insert.run(app, version, hash, body, now.toISOString());
      this.touched();
    })();
  }

  close(): void {
    this.db.close();
  }
}

/** Whether a stored key opens the door now: not revoked, and not past its rotation grace. */
export function isKeyLive(key: StoredKey, now = new Date()): boolean {
  return key.revokedAt === null && (key.expiresAt === null || Date.parse(key.expiresAt) > now.getTime());
}
