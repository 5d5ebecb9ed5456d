import { ANONYMOUS } from '@liangling/schema';
import type { Logger } from 'pino';
import type { ApiKeyIdentity } from './api-keys';
import { isKeyLive, type GatewayStore, type StoredKey } from './gateway-store';
import type { SafelistMode } from './plugins/trusted-documents-plugin';
import { openGatewayStore } from './store/open-store';
import { sha256Hex, type TrustedDocuments } from './trusted-documents';

/** The app the SDK's own operations are published as, at every start. */
export const SDK_APP = 'liangling-sdk';

export interface LiveStoreOptions {
  /** The store every replica shares: a SQLite file's path or a `postgresql://` URL. */
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
  private snapshot: Snapshot = { keysByHash: new Map(), keysById: new Map(), bodies: new Map(), hashesByApp: new Map() };
  private counter = -1;
  private readonly timer: NodeJS.Timeout;
  // Reloads run one after another: a refresh asked for after a write sees that write.
  private loading: Promise<void> = Promise.resolve();
  private polling = false;

  private constructor(
    readonly store: GatewayStore,
    private readonly logger: Logger,
    pollMs: number,
  ) {
    this.timer = setInterval(() => {
      if (this.polling) return;
      this.polling = true;
      void this.refresh().finally(() => (this.polling = false));
    }, pollMs);
    this.timer.unref();
  }

  /** Opens the store (creating its tables if missing), loads it, and starts polling it. */
  static async open(options: LiveStoreOptions): Promise<LiveStore> {
    const live = new LiveStore(await openGatewayStore(options.path), options.logger, options.pollMs ?? 1000);
    await live.refresh();
    options.logger.info(
      { backend: live.store.backend, keys: live.snapshot.keysById.size, documents: live.snapshot.bodies.size },
      'gateway store loaded',
    );
    return live;
  }

  /** Reloads when the store changed; logs what changed (never a key or its hash). Never rejects. */
  refresh(): Promise<void> {
    this.loading = this.loading.then(() => this.load());
    return this.loading;
  }

  private async load(): Promise<void> {
    try {
      const counter = await this.store.changeCounter();
      if (counter === this.counter) return;
      const [keys, documents] = await Promise.all([this.store.keys(), this.store.documents()]);
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
    } catch (error) {
      // A locked file or an unreachable database keeps the last good view: keys and documents keep working.
      this.logger.error({ err: error }, 'gateway store: cannot read; keeping the last view');
    }
  }

  private logChanges(before: Snapshot, after: Snapshot): void {
    for (const key of after.keysById.values()) {
      const old = before.keysById.get(key.id);
      const change = !old
        ? 'created'
        : old.revokedAt !== key.revokedAt
          ? 'revoked'
          : old.expiresAt !== key.expiresAt
            ? 'rotated'
            : undefined;
      if (change)
        this.logger.info(
          { apiKeyId: key.id, app: key.name, audience: key.audience, change, ...(key.expiresAt ? { expiresAt: key.expiresAt } : {}) },
          `api key ${change}`,
        );
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

  /** Whether a key may run a document: its app published it, or the SDK did (keys from the configuration have the SDK's). */
  mayRun(keyId: string, hash: string): boolean {
    return this.appHas(this.appOfKey(keyId) ?? SDK_APP, hash) || this.appHas(SDK_APP, hash);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.loading;
    await this.store.close();
  }
}

/**
 * The trusted documents with every document apps published: the configured ones first, then the
 * store's. The SDK's own operations are one more app, published again at each start under their
 * content's hash. Keys are held to them unless `safelist` says otherwise.
 */
export async function withPublishedDocuments(
  live: LiveStore,
  configured: { readonly documents: TrustedDocuments; readonly safelist?: SafelistMode } | undefined,
): Promise<{ readonly documents: TrustedDocuments; readonly safelist: SafelistMode }> {
  const fixed = configured?.documents;
  if (fixed instanceof Map && fixed.size > 0)
    await live.store.publish(SDK_APP, sha256Hex([...fixed.keys()].sort().join('\n')).slice(0, 12), fixed);
  await live.refresh();
  return {
    documents: {
      get: (hash) => fixed?.get(hash) ?? live.document(hash),
      has: (hash) => (fixed?.has(hash) ?? false) || live.document(hash) !== undefined,
    },
    safelist: configured?.safelist ?? 'api-keys',
  };
}
