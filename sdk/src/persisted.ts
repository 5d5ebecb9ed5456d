import type { DocumentNode } from 'graphql';

/**
 * What `npm run generate:sdk` puts on every generated document: its text as the gateway's trusted
 * documents hold it, and that text's SHA-256 (hex), computed at generation time so that a browser
 * needs no crypto to send the hash.
 */
export interface PersistedMeta {
  readonly hash: string;
  readonly query: string;
}

/** The trusted-document hash and text of a generated document; `undefined` for a hand-written one. */
export function persistedMetaOf(document: DocumentNode): PersistedMeta | undefined {
  const meta = (document as DocumentNode & { readonly __meta__?: Partial<PersistedMeta> }).__meta__;
  return typeof meta?.hash === 'string' && typeof meta.query === 'string' ? { hash: meta.hash, query: meta.query } : undefined;
}
