import { readFileSync } from 'node:fs';
import { ANONYMOUS, type Caller } from '@liangling/schema';
import { z } from 'zod';
import { sha256Hex } from './trusted-documents';

/**
 * One API key, as configured: never the key itself, only its sha256, so a leaked configuration
 * grants nothing. A third-party app is an anonymous caller named by `clientApp`; a partner is a
 * `partner` caller of its organisation (and gets the partner contract).
 */
export const ApiKeyEntrySchema = z.discriminatedUnion('role', [
  z.object({
    id: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    role: z.literal('anonymous'),
    clientApp: z.string().min(1),
  }),
  z.object({
    id: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    role: z.literal('partner'),
    organisation: z.string().min(1),
  }),
]);
export type ApiKeyEntry = z.infer<typeof ApiKeyEntrySchema>;

/** A configured key, found by its hash. */
export interface ApiKeyIdentity {
  readonly id: string;
  readonly caller: Caller;
  /** The app a key issued with `npm run apikey` is for: its published documents are the key's safelist. */
  readonly app?: string;
}

/** The keys by sha256: a map of configured ones, or the live store's lookup. */
export interface ApiKeys {
  get(sha256: string): ApiKeyIdentity | undefined;
}

export function apiKeysOf(entries: readonly ApiKeyEntry[]): ReadonlyMap<string, ApiKeyIdentity> {
  return new Map(
    entries.map((entry) => [
      entry.sha256,
      {
        id: entry.id,
        caller:
          entry.role === 'partner'
            ? { role: 'partner', sub: entry.id, organisation: entry.organisation, regions: [] }
            : { ...ANONYMOUS, clientApp: entry.clientApp },
      },
    ]),
  );
}

export type ApiKeysResult =
  { readonly ok: true; readonly entries: readonly ApiKeyEntry[] } | { readonly ok: false; readonly error: string };

/** Parses a JSON array of {@link ApiKeyEntry}, from a file or a variable. */
export function parseApiKeys(json: string, origin: string): ApiKeysResult {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, error: `${origin}: not JSON: ${(error as Error).message}` };
  }
  const parsed = z.array(ApiKeyEntrySchema).safeParse(value);
  if (!parsed.success)
    return { ok: false, error: `${origin}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}` };
  const ids = parsed.data.map((entry) => entry.id);
  if (new Set(ids).size !== ids.length) return { ok: false, error: `${origin}: API key ids must be unique` };
  return { ok: true, entries: parsed.data };
}

export function loadApiKeysFile(path: string): ApiKeysResult {
  try {
    return parseApiKeys(readFileSync(path, 'utf8'), path);
  } catch (error) {
    return { ok: false, error: `cannot read ${path}: ${(error as Error).message}` };
  }
}

/** The sha256 to put in the configuration for a key. */
export const hashApiKey = sha256Hex;
