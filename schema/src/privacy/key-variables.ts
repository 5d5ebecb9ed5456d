// The environment variables that give the graph's two HMAC keys, read alike by `npm start` and the
// standalone gateway: JWT_* (callers' tokens) and CALLER_CONTEXT_* (gateway → subgraph contexts).
import { z } from 'zod';
import { MIN_SECRET_LENGTH, parseKeySet, type HmacKeySet } from './caller-context';

/** The key variables' zod shape, for a configuration module's `z.object({ …, ...KEY_VARIABLES })`. */
export const KEY_VARIABLES = {
  /** HMAC secret of callers' tokens (HS256), at least 32 characters; or JWT_KEYS. */
  JWT_SECRET: z.string().min(MIN_SECRET_LENGTH).optional(),
  /** HMAC key of the caller context sent to subgraphs; the subgraphs hold the same. Or CALLER_CONTEXT_KEYS. */
  CALLER_CONTEXT_SECRET: z.string().min(MIN_SECRET_LENGTH).optional(),
  /** Instead of JWT_SECRET, for rotation: `kid:secret,kid:secret`, every one accepted; JWT_KID (default the first) signs. */
  JWT_KEYS: z.string().optional(),
  JWT_KID: z.string().optional(),
  /** Instead of CALLER_CONTEXT_SECRET, for rotation: `kid:secret,…`; CALLER_CONTEXT_KID (default the first) signs. */
  CALLER_CONTEXT_KEYS: z.string().optional(),
  CALLER_CONTEXT_KID: z.string().optional(),
};

/** The two keys the variables name. */
export type KeyName = 'JWT' | 'CALLER_CONTEXT';

/** The key variables as validated by {@link KEY_VARIABLES}. */
export type KeyVariables = { readonly [Variable in keyof typeof KEY_VARIABLES]?: string | undefined };

export type KeyVariablesResult =
  { readonly ok: true; readonly keys: string | HmacKeySet | undefined } | { readonly ok: false; readonly error: string };

/**
 * `<NAME>_SECRET` (one key, as its text) or `<NAME>_KEYS` with `<NAME>_KID` (a set, for rotation), never
 * both; none of them: `keys` undefined, for the caller to default (a development key file) or refuse.
 */
export function keysFromVariables(name: KeyName, variables: KeyVariables): KeyVariablesResult {
  const secret = variables[`${name}_SECRET`];
  const keys = variables[`${name}_KEYS`];
  const kid = variables[`${name}_KID`];
  if (secret !== undefined && keys !== undefined) return { ok: false, error: `${name}_SECRET and ${name}_KEYS: set one of them` };
  if (keys === undefined) return kid === undefined ? { ok: true, keys: secret } : { ok: false, error: `${name}_KID: needs ${name}_KEYS` };
  const parsed = parseKeySet(keys, kid);
  return parsed.ok ? { ok: true, keys: parsed.keys } : { ok: false, error: `${name}_KEYS: ${parsed.error}` };
}
