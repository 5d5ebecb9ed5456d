import { randomBytes, randomUUID } from 'node:crypto';
import { sha256Hex } from './trusted-documents';

/**
 * What the gateway replicas share and change while they run: the API keys issued with
 * `npm run apikey` and the documents apps publish. Two backends behind one interface: a SQLite file
 * (`DATA_DIR/gateway.sqlite`, the default, for the replicas of one machine) and a PostgreSQL
 * database (`GATEWAY_STORE=postgresql://…`, for replicas on several machines). Each replica polls a
 * change counter and reloads what changed, so a key or a document is live everywhere within a poll
 * interval, without a restart.
 *
 * Only hashes of keys are stored: a copy of the store grants nothing. Documents are immutable by
 * (app, version, hash): a version, once published, keeps exactly its documents.
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

export type CreateKeyInput = Pick<StoredKey, 'name' | 'audience' | 'organisation' | 'scopes'>;

/** A key as issued: its text (the only time it exists in the clear) and its stored record. */
export interface IssuedKey {
  readonly key: string;
  readonly stored: StoredKey;
}

/** The operations the gateway (`LiveStore`, `POST /apps/:app/documents`) and `npm run apikey` use. */
export interface GatewayStore {
  /** `sqlite` or `postgresql`, for logs and `/health`. */
  readonly backend: 'sqlite' | 'postgresql';
  /** Increases on every change; replicas poll it. */
  changeCounter(): Promise<number>;
  keys(): Promise<StoredKey[]>;
  key(id: string): Promise<StoredKey | undefined>;
  /** Issues a key; only its sha256 is stored. */
  createKey(input: CreateKeyInput, now?: Date): Promise<IssuedKey>;
  /** Revokes a key at once; `undefined` when there is no such key. */
  revokeKey(id: string, now?: Date): Promise<StoredKey | undefined>;
  /** A new key with the same identity; the old one keeps working for `graceMs`. `undefined` when there is no live key `id`. */
  rotateKey(id: string, graceMs?: number, now?: Date): Promise<(IssuedKey & { readonly old: StoredKey }) | undefined>;
  documents(): Promise<PublishedDocument[]>;
  /** The hashes already published as one version of an app. */
  versionHashes(app: string, version: string): Promise<Set<string>>;
  /**
   * Stores one version of an app's documents, all or none. `false` (nothing stored) when the version
   * is already published with other documents; publishing the same documents again is a no-op.
   */
  publish(app: string, version: string, documents: ReadonlyMap<string, string>, now?: Date): Promise<boolean>;
  close(): Promise<void>;
}

/** How long a rotated key keeps working, unless `rotate --grace` says otherwise. */
export const DEFAULT_ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

/** A new key and its id: 32 random bytes, prefixed so that a leaked one is recognisable in logs and scanners. */
export function newKey(): { id: string; key: string; sha256: string } {
  const key = `ll_${randomBytes(32).toString('base64url')}`;
  return { id: `key_${randomUUID().slice(0, 8)}`, key, sha256: sha256Hex(key) };
}

/** Whether `existing` (a version's stored hashes) allows publishing `documents` under that version. */
export function mayPublish(existing: ReadonlySet<string>, documents: ReadonlyMap<string, string>): boolean {
  return existing.size === 0 || (existing.size === documents.size && [...documents.keys()].every((hash) => existing.has(hash)));
}

/** Whether a stored key opens the door now: not revoked, and not past its rotation grace. */
export function isKeyLive(key: StoredKey, now = new Date()): boolean {
  return key.revokedAt === null && (key.expiresAt === null || Date.parse(key.expiresAt) > now.getTime());
}

/** Whether `GATEWAY_STORE` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}
