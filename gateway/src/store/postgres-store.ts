import { Pool, type PoolClient } from 'pg';
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

/** The schema the gateway's tables live in, apart from the departments' schemas in the same database. */
export const GATEWAY_SCHEMA = 'gateway';

// An arbitrary constant: every replica starting at once creates the tables one after the other
// (`CREATE … IF NOT EXISTS` alone races on PostgreSQL's catalog).
const MIGRATION_LOCK = 1_741_700_017;

const MIGRATION = `
CREATE SCHEMA IF NOT EXISTS ${GATEWAY_SCHEMA};
CREATE TABLE IF NOT EXISTS ${GATEWAY_SCHEMA}.api_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  audience text NOT NULL CHECK (audience IN ('public', 'partner')),
  organisation text,
  scopes text[] NOT NULL DEFAULT '{}',
  sha256 text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  revoked_at timestamptz
);
CREATE TABLE IF NOT EXISTS ${GATEWAY_SCHEMA}.published_documents (
  app text NOT NULL,
  version text NOT NULL,
  hash text NOT NULL,
  body text NOT NULL,
  published_at timestamptz NOT NULL,
  PRIMARY KEY (app, version, hash)
);
CREATE TABLE IF NOT EXISTS ${GATEWAY_SCHEMA}.store_changes (id integer PRIMARY KEY CHECK (id = 1), counter bigint NOT NULL);
INSERT INTO ${GATEWAY_SCHEMA}.store_changes (id, counter) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
`;

interface KeyRow {
  id: string;
  name: string;
  audience: 'public' | 'partner';
  organisation: string | null;
  scopes: string[];
  sha256: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const keyOf = (row: KeyRow): StoredKey => ({
  id: row.id,
  name: row.name,
  audience: row.audience,
  organisation: row.organisation,
  scopes: row.scopes,
  sha256: row.sha256,
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

const KEYS = `${GATEWAY_SCHEMA}.api_keys`;
const DOCUMENTS = `${GATEWAY_SCHEMA}.published_documents`;
const TOUCH = `UPDATE ${GATEWAY_SCHEMA}.store_changes SET counter = counter + 1 WHERE id = 1`;

/**
 * The store in a PostgreSQL database (`GATEWAY_STORE=postgresql://…`), for replicas on several
 * machines: its tables in the schema `gateway`, created at open if missing. Every statement is
 * parameterised; writes run in transactions.
 */
export class PostgresGatewayStore implements GatewayStore {
  readonly backend = 'postgresql';

  private constructor(private readonly pool: Pool) {}

  /** Connects and creates the schema and tables if they are missing (idempotent, under an advisory lock). */
  static async open(url: string, poolSize = 4): Promise<PostgresGatewayStore> {
    const pool = new Pool({ connectionString: url, max: poolSize });
    // An idle connection the server dropped: the pool discards it, and the next query reports the failure.
    pool.on('error', () => undefined);
    const store = new PostgresGatewayStore(pool);
    try {
      await store.transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(MIGRATION);
      });
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async changeCounter(): Promise<number> {
    const { rows } = await this.pool.query<{ counter: string }>(`SELECT counter FROM ${GATEWAY_SCHEMA}.store_changes WHERE id = 1`);
    return Number(rows[0]?.counter ?? 0);
  }

  async keys(): Promise<StoredKey[]> {
    return (await this.pool.query<KeyRow>(`SELECT * FROM ${KEYS} ORDER BY created_at, id`)).rows.map(keyOf);
  }

  async key(id: string, client: Pick<PoolClient, 'query'> = this.pool): Promise<StoredKey | undefined> {
    const row = (await client.query<KeyRow>(`SELECT * FROM ${KEYS} WHERE id = $1`, [id])).rows[0];
    return row ? keyOf(row) : undefined;
  }

  private async insertKey(client: PoolClient, input: CreateKeyInput, now: Date): Promise<IssuedKey> {
    const { id, key, sha256 } = newKey();
    const { rows } = await client.query<KeyRow>(
      `INSERT INTO ${KEYS} (id, name, audience, organisation, scopes, sha256, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [id, input.name, input.audience, input.organisation, [...input.scopes], sha256, now],
    );
    return { key, stored: keyOf(rows[0]!) };
  }

  async createKey(input: CreateKeyInput, now = new Date()): Promise<IssuedKey> {
    return this.transaction(async (client) => {
      const issued = await this.insertKey(client, input, now);
      await client.query(TOUCH);
      return issued;
    });
  }

  async revokeKey(id: string, now = new Date()): Promise<StoredKey | undefined> {
    return this.transaction(async (client) => {
      const { rows } = await client.query<KeyRow>(`UPDATE ${KEYS} SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 RETURNING *`, [
        now,
        id,
      ]);
      if (!rows[0]) return undefined;
      await client.query(TOUCH);
      return keyOf(rows[0]);
    });
  }

  async rotateKey(
    id: string,
    graceMs = DEFAULT_ROTATION_GRACE_MS,
    now = new Date(),
  ): Promise<(IssuedKey & { old: StoredKey }) | undefined> {
    return this.transaction(async (client) => {
      // FOR UPDATE: a revocation on another replica waits for the rotation, or the rotation sees it.
      const row = (await client.query<KeyRow>(`SELECT * FROM ${KEYS} WHERE id = $1 FOR UPDATE`, [id])).rows[0];
      if (!row || row.revoked_at) return undefined;
      const issued = await this.insertKey(client, keyOf(row), now);
      const { rows } = await client.query<KeyRow>(`UPDATE ${KEYS} SET expires_at = $1 WHERE id = $2 RETURNING *`, [
        new Date(now.getTime() + graceMs),
        id,
      ]);
      await client.query(TOUCH);
      return { ...issued, old: keyOf(rows[0]!) };
    });
  }

  async documents(): Promise<PublishedDocument[]> {
    const { rows } = await this.pool.query<{ app: string; version: string; hash: string; body: string; published_at: Date }>(
      `SELECT * FROM ${DOCUMENTS} ORDER BY app, version, hash`,
    );
    return rows.map((row) => ({
      app: row.app,
      version: row.version,
      hash: row.hash,
      body: row.body,
      publishedAt: row.published_at.toISOString(),
    }));
  }

  async versionHashes(app: string, version: string, client: Pick<PoolClient, 'query'> = this.pool): Promise<Set<string>> {
    const { rows } = await client.query<{ hash: string }>(`SELECT hash FROM ${DOCUMENTS} WHERE app = $1 AND version = $2`, [app, version]);
    return new Set(rows.map((row) => row.hash));
  }

  async publish(app: string, version: string, documents: ReadonlyMap<string, string>, now = new Date()): Promise<boolean> {
    return this.transaction(async (client) => {
      // One publisher of a version at a time, on whichever replica: the check and the insert hold together.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${GATEWAY_SCHEMA}.publish:${app}@${version}`]);
      if (!mayPublish(await this.versionHashes(app, version, client), documents)) return false;
      for (const [hash, body] of documents) {
        await client.query(
          `INSERT INTO ${DOCUMENTS} (app, version, hash, body, published_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [app, version, hash, body, now],
        );
      }
      await client.query(TOUCH);
      return true;
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
