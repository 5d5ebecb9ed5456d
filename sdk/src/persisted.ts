import type { DocumentNode } from 'graphql';

/**
 * What generation puts on every document: the SHA-256 (hex) of its text as the gateway's trusted
 * documents hold it, computed at generation time so that a browser needs no crypto to send the hash,
 * and (the SDK's own operations) that text. An app's documents (`@liangling/sdk/codegen`) carry only
 * the hash: the text is in its published manifest.
 */
export interface PersistedMeta {
  readonly hash: string;
  readonly query?: string;
}

/** The trusted-document hash (and text) of a generated document; `undefined` for a hand-written one. */
export function persistedMetaOf(document: DocumentNode): PersistedMeta | undefined {
  const meta = (document as DocumentNode & { readonly __meta__?: Partial<PersistedMeta> }).__meta__;
  if (typeof meta?.hash !== 'string') return undefined;
  return typeof meta.query === 'string' ? { hash: meta.hash, query: meta.query } : { hash: meta.hash };
}
