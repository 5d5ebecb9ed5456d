import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Trusted documents: sha256 (hex) of a document's text → the text; a map, or the live store's lookup. */
export interface TrustedDocuments {
  get(hash: string): string | undefined;
  has(hash: string): boolean;
}

const HashMap = z.record(z.string().regex(/^[0-9a-f]{64}$/), z.string().min(1));
const ApolloManifest = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  operations: z.array(z.object({ id: z.string(), body: z.string() })),
});

export type TrustedDocumentsResult =
  { readonly ok: true; readonly documents: ReadonlyMap<string, string> } | { readonly ok: false; readonly error: string };

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Reads a manifest: either `{ "<sha256>": "<document>" }` (what `npm run generate:sdk` publishes, as
 * graphql-codegen's persisted documents do) or Apollo's persisted query manifest. Every hash is checked
 * against its document, so a manifest cannot smuggle in a document under another's hash.
 */
export function parseTrustedDocuments(json: unknown): TrustedDocumentsResult {
  let entries: [string, string][];
  const apollo = ApolloManifest.safeParse(json);
  if (apollo.success) entries = apollo.data.operations.map((operation) => [operation.id, operation.body]);
  else {
    const plain = HashMap.safeParse(json);
    if (!plain.success) return { ok: false, error: 'expected { "<sha256 hex>": "<document>" } or an Apollo persisted query manifest' };
    entries = Object.entries(plain.data);
  }
  for (const [hash, body] of entries) {
    if (sha256Hex(body) !== hash) return { ok: false, error: `the document under ${hash} does not have that hash` };
  }
  return { ok: true, documents: new Map(entries) };
}

export function loadTrustedDocuments(path: string): TrustedDocumentsResult {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, error: `cannot read ${path}: ${(error as Error).message}` };
  }
  const parsed = parseTrustedDocuments(json);
  return parsed.ok ? parsed : { ok: false, error: `${path}: ${parsed.error}` };
}

/** The trusted documents with the per-event queries of trusted subscriptions, which are trusted with them. */
export function trustedWithEventQueries<T extends { readonly documents: TrustedDocuments }>(
  trusted: T,
  eventQueries: ReadonlyMap<string, string> | undefined,
): T {
  if (!eventQueries) return trusted;
  const { documents } = trusted;
  return {
    ...trusted,
    documents: {
      get: (hash: string) => eventQueries.get(hash) ?? documents.get(hash),
      has: (hash: string) => eventQueries.has(hash) || documents.has(hash),
    },
  };
}
