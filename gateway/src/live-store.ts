import { ANONYMOUS } from '@liangling/schema';
import type { Logger } from 'pino';
import type { ApiKeyIdentity } from './api-keys';
import { GatewayStore, isKeyLive, type StoredKey } from './gateway-store';
import type { SafelistMode } from './plugins/trusted-documents-plugin';
import { sha256Hex, type TrustedDocuments } from './trusted-documents';

/** The app the SDK's own operations are published as, at every start. */
export const SDK_APP = 'liangling-sdk';

export interface LiveStoreOptions {
  /** The SQLite file every replica shares. */
  readonly path: string;
  /** How often the store is checked for changes. @default 1000 */
  readonly pollMs?: number;
  readonly logger: Logger;
}

interface Snapshot {
  readonly keysByHash: ReadonlyMap<string, StoredKey>;
  readonly keysById: ReadonlyMap<string, StoredKey>;
  readonly bodies: ReadonlyMap<string, string>;
  readonly hashesByApp: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The gateway's in-memory view of the {@link GatewayStore}, reloaded when its change counter moves
 * (another replica, or `npm run apikey`, changed it). Lookups are synchronous map reads; whether a
 * rotated key is still in its grace period is decided at each lookup, not at reload.
 */
export class LiveStore {
  readonly store: GatewayStore;
  private snapshot: Snapshot = { keysByHash: new Map(), keysById: new Map(), bodies: new Map(), hashesByApp: new Map() };
  private counter = -1;
  private readonly timer: NodeJS.Timeout;
  private readonly logger: Logger;

  constructor(options: LiveStoreOptions) {
    this.store = new GatewayStore(options.path);
    this.logger = options.logger;
    this.refresh();
    this.timer = setInterval(() => this.refresh(), options.pollMs ?? 1000);
    this.timer.unref();
  }

  /** Reloads when the store changed; logs what changed (never a key or its hash). */
  refresh(): void {
    let counter: number;
    try {
      counter = this.store.changeCounter();
      if (counter === this.counter) return;
    } catch (error) {
      // A locked or missing file keeps the last good view: keys and documents keep working.
      this.logger.error({ err: error }, 'gateway store: cannot read; keeping the last view');
      return;
    }
    const keys = this.store.keys();
    const documents = this.store.documents();
    const hashesByApp = new Map<string, Set<string>>();
    for (const document of documents) {
      const hashes = hashesByApp.get(document.app) ?? new Set<string>();
      hashes.add(document.hash);
      hashesByApp.set(document.app, hashes);
    }
    const previous = this.snapshot;
    this.snapshot = {
      keysByHash: new Map(keys.map((key) => [key.sha256, key])),
      keysById: new Map(keys.map((key) => [key.id, key])),
      bodies: new Map(documents.map((document) => [document.hash, document.body])),
      hashesByApp,
    };
    if (this.counter !== -1) this.logChanges(previous, this.snapshot);
    this.counter = counter;
  }

  private logChanges(before: Snapshot, after: Snapshot): void {
    for (const key of after.keysById.values()) {
      const old = before.keysById.get(key.id);
      const change = !old ? 'created' : old.revokedAt !== key.revokedAt ? 'revoked' : old.expiresAt !== key.expiresAt ? 'rotated' : undefined;
      if (change) this.logger.info({ apiKeyId: key.id, app: key.name, audience: key.audience, change, ...(key.expiresAt ? { expiresAt: key.expiresAt } : {}) }, `api key ${change}`);
    }
    const added = after.bodies.size - before.bodies.size;
    if (added > 0) this.logger.info({ documents: after.bodies.size, added }, 'published documents loaded');
  }

  /** A live key by the sha256 of its text. */
  apiKey(sha256: string, now = new Date()): ApiKeyIdentity | undefined {
    const key = this.snapshot.keysByHash.get(sha256);
    if (!key || !isKeyLive(key, now)) return undefined;
    const caller =
      key.audience === 'partner'
        ? { role: 'partner' as const, sub: key.id, organisation: key.organisation ?? key.name, regions: [], clientApp: key.name }
        : { ...ANONYMOUS, clientApp: key.name };
    return { id: key.id, caller, app: key.name };
  }

  /** The app a stored key is for (by key id); `undefined` for keys from the configuration. */
  appOfKey(keyId: string): string | undefined {
    return this.snapshot.keysById.get(keyId)?.name;
  }

  /** A published document's text by its hash, whichever app published it. */
  document(hash: string): string | undefined {
    return this.snapshot.bodies.get(hash);
  }

  /** Whether an app published a document. */
  appHas(app: string, hash: string): boolean {
    return this.snapshot.hashesByApp.get(app)?.has(hash) ?? false;
  }

  close(): void {
    clearInterval(this.timer);
    this.store.close();
  }
}

/**
 * The trusted documents with every document apps published: the configured ones first, then the
 * store's. The SDK's own operations are one more app, published again at each start under their
 * content's hash. Keys are held to them unless `safelist` says otherwise.
 */
export function withPublishedDocuments(live: LiveStore, configured: { readonly documents: TrustedDocuments; readonly safelist?: SafelistMode } | undefined): { readonly documents: TrustedDocuments; readonly safelist: SafelistMode } {
  const fixed = configured?.documents;
  if (fixed instanceof Map && fixed.size > 0) live.store.publish(SDK_APP, sha256Hex([...fixed.keys()].sort().join('\n')).slice(0, 12), fixed);
  live.refresh();
  return {
    documents: { get: (hash) => fixed?.get(hash) ?? live.document(hash), has: (hash) => (fixed?.has(hash) ?? false) || live.document(hash) !== undefined },
    safelist: configured?.safelist ?? 'api-keys',
  };
}
