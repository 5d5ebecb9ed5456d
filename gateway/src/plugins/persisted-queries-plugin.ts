import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import type { GatewayContext } from '../context';
import { createSharedCache, type SharedCache } from '../shared-cache';
import type { TrustedDocuments } from '../trusted-documents';

/**
 * Automatic persisted queries: documents a client registers by sending its text with its hash, then
 * runs by the hash alone. Off by default: in production only the trusted documents are run by hash.
 */
export interface AutomaticPersistedQueriesOptions {
  /** Who may register a document: nobody, or callers with a token or an API key. @default 'off' */
  readonly registration?: 'off' | 'signed-in';
  /** Largest document kept, in bytes of its text (comments and whitespace count). @default 16384 */
  readonly maxDocumentBytes?: number;
  /** Bytes of documents kept in all, in memory (the least recently used go first). @default 16 MiB */
  readonly maxBytes?: number;
  /** How long a registered document is kept, in seconds. @default 86400 */
  readonly ttlSeconds?: number;
}

export const DEFAULT_PERSISTED_QUERIES: Required<AutomaticPersistedQueriesOptions> = {
  registration: 'off',
  maxDocumentBytes: 16 * 1024,
  maxBytes: 16 * 1024 * 1024,
  ttlSeconds: 24 * 60 * 60,
};

/**
 * Where registered documents are kept: bounded by bytes and expiring in memory, or in the replicas'
 * Redis (where each entry expires after `ttlSeconds`).
 */
export function createPersistedQueryStore(options: Required<AutomaticPersistedQueriesOptions>, redisUrl: string | undefined): SharedCache {
  if (redisUrl) return createSharedCache({ keyPrefix: 'liangling:apq:', redisUrl });
  const cache = new LRUCache<string, string>({
    maxSize: options.maxBytes,
    sizeCalculation: (value) => Math.max(1, Buffer.byteLength(value)),
    ttl: options.ttlSeconds * 1000,
  });
  return {
    get: async (key) => cache.get(key),
    set: async (key, value) => void cache.set(key, value),
    store: () => 'none',
    delete: async (key) => void cache.delete(key),
    close: async () => cache.clear(),
  };
}

/**
 * Decides, before Apollo Server reads the request, whether a document sent with its hash is
 * registered: only when registration is on, the caller holds a credential, and the text is within
 * `maxDocumentBytes`. Otherwise the hash is dropped and the document runs as any other, unstored
 * (so clients that speak automatic persisted queries keep working).
 */
export function persistedQueriesPlugin(
  options: Required<AutomaticPersistedQueriesOptions>,
  trusted: TrustedDocuments | undefined,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const extensions = request.extensions as Record<string, unknown> | undefined;
      const hash = (extensions?.['persistedQuery'] as { sha256Hash?: unknown } | undefined)?.sha256Hash;
      if (!extensions || request.query === undefined || typeof hash !== 'string') return;
      const signedIn = contextValue.caller.role !== 'anonymous' || contextValue.apiKeyId !== undefined;
      const registers =
        options.registration === 'signed-in' &&
        signedIn &&
        !trusted?.has(hash) &&
        Buffer.byteLength(request.query) <= options.maxDocumentBytes;
      if (!registers) delete extensions['persistedQuery'];
    },
  };
}
