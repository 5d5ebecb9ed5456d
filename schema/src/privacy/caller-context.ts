import { createHash, createHmac, randomBytes } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { ROLES, type Caller, type Role } from './caller';
import { isScope } from './scopes';

/** The header that carries the gateway's signed caller context to a subgraph. */
export const CALLER_CONTEXT_HEADER = 'x-liangling-caller';

const ISSUER = 'liangling-gateway';
const AUDIENCE = 'liangling-subgraphs';
/** Seconds a verifier allows between its clock and the signer's. */
const CLOCK_TOLERANCE_SECONDS = 5;
/** No context is accepted older than this, whatever its expiry says; nonces are remembered this long at most. */
const MAX_AGE_SECONDS = 300;

/**
 * HMAC keys by `kid`: one signs, all verify. A rotation adds the next key everywhere first (verifiers
 * accept it), then moves `signingKid` to it on the signers, then drops the old key: no moment in
 * which a signed context or token is refused.
 */
export interface HmacKeySet {
  readonly signingKid: string;
  readonly keys: ReadonlyMap<string, Uint8Array>;
}

/** A key set, or one bare secret (its kid is `default`). */
export type KeyMaterial = Uint8Array | HmacKeySet;

/** The kid of a key configured alone (`JWT_SECRET`, `CALLER_CONTEXT_SECRET`). */
export const DEFAULT_KID = 'default';

const KID = /^[A-Za-z0-9._-]{1,64}$/;
/** Shortest secret accepted, in characters (HS256 wants at least 256 bits). */
export const MIN_SECRET_LENGTH = 32;

export function keySetOf(material: KeyMaterial): HmacKeySet {
  return material instanceof Uint8Array ? { signingKid: DEFAULT_KID, keys: new Map([[DEFAULT_KID, material]]) } : material;
}

/** The key that signs. */
export function signingKeyOf(material: KeyMaterial): { readonly kid: string; readonly key: Uint8Array } {
  const set = keySetOf(material);
  const key = set.keys.get(set.signingKid);
  if (!key) throw new Error(`no key with kid "${set.signingKid}" in the set`);
  return { kid: set.signingKid, key };
}

export type KeySetResult = { readonly ok: true; readonly keys: HmacKeySet } | { readonly ok: false; readonly error: string };

/**
 * Reads `kid:secret,kid:secret` (a variable such as `CALLER_CONTEXT_KEYS`). The signing key is
 * `signingKid` when given (it must be in the set), else the first.
 */
export function parseKeySet(text: string, signingKid?: string): KeySetResult {
  const keys = new Map<string, Uint8Array>();
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return { ok: false, error: 'expected kid:secret,kid:secret' };
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    const kid = entry.slice(0, colon);
    const secret = entry.slice(colon + 1);
    if (colon < 1 || !KID.test(kid)) return { ok: false, error: 'expected kid:secret,kid:secret (a kid is letters, digits, . _ -)' };
    if (secret.length < MIN_SECRET_LENGTH)
      return { ok: false, error: `the secret of kid "${kid}" is shorter than ${MIN_SECRET_LENGTH} characters` };
    if (keys.has(kid)) return { ok: false, error: `kid "${kid}" is given twice` };
    keys.set(kid, new TextEncoder().encode(secret));
  }
  const signing = signingKid ?? entries[0]!.slice(0, entries[0]!.indexOf(':'));
  if (!keys.has(signing)) return { ok: false, error: `the signing kid "${signing}" is not one of ${[...keys.keys()].join(', ')}` };
  return { ok: true, keys: { signingKid: signing, keys } };
}

/** The request a caller context is bound to: a context signed for one body is worth nothing with another. */
export interface BoundRequest {
  readonly method: string;
  /** The exact bytes of the body as sent (and as received). */
  readonly body: string | Uint8Array;
}

/** base64url of the body's sha256. */
export function bodyDigest(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Signs what the gateway verified about a caller together with the one request it goes with: the
 * method, a digest of the body, the time and a nonce (`jti`), HS256 under the set's signing `kid`.
 * Short-lived, and a subgraph takes each nonce once, so a captured header is good for nothing: not
 * with another body, not again with the same one. Synchronous (HMAC in process): it runs per fetch.
 * @param ttlSeconds seconds the context stays valid. @default 30
 */
export function signCallerContext(caller: Caller, keys: KeyMaterial, request: BoundRequest, ttlSeconds = 30): string {
  const { kid, key } = signingKeyOf(keys);
  const now = Math.floor(Date.now() / 1000);
  const header = base64url({ alg: 'HS256', kid });
  const payload = base64url({
    caller: { ...caller },
    htm: request.method.toUpperCase(),
    bdg: bodyDigest(request.body),
    jti: randomBytes(16).toString('base64url'),
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now,
    exp: now + ttlSeconds,
  });
  const signature = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/**
 * Remembers the nonces of accepted contexts until they expire, so each is accepted once. In memory by
 * default (one process); the kit's Redis guard shares them between replicas.
 */
export interface ReplayGuard {
  /** True the first time a nonce is seen (and it is remembered until `expiresAtMs`), false after. */
  firstUse(nonce: string, expiresAtMs: number): Promise<boolean>;
}

/** Nonces in this process's memory; expired ones are swept as new ones come. */
export function memoryReplayGuard(now: () => number = Date.now): ReplayGuard {
  const seen = new Map<string, number>();
  return {
    async firstUse(nonce, expiresAtMs) {
      const t = now();
      // Insertion order is nearly expiry order (one validity window for all): sweep from the oldest.
      for (const [old, expiry] of seen) {
        if (expiry > t) break;
        seen.delete(old);
      }
      const known = seen.get(nonce);
      if (known !== undefined && known > t) return false;
      seen.set(nonce, expiresAtMs);
      return true;
    },
  };
}

export type CallerContextResult = { readonly ok: true; readonly caller: Caller } | { readonly ok: false; readonly reason: string };

export interface VerifyOptions {
  /** Where nonces are remembered; without one, replays are not detected (tests of the signature alone). */
  readonly replayGuard?: ReplayGuard;
}

/**
 * Verifies a caller context against the request it came with; any doubt (missing, forged, expired,
 * unknown kid, another method or body, a nonce seen before, malformed) is a failure.
 */
export async function verifyCallerContext(
  token: string | undefined,
  keys: KeyMaterial,
  request: BoundRequest,
  options: VerifyOptions = {},
): Promise<CallerContextResult> {
  if (!token) return { ok: false, reason: 'missing caller context' };
  const set = keySetOf(keys);
  let candidates: Uint8Array[];
  try {
    const { kid } = decodeProtectedHeader(token);
    if (kid === undefined) candidates = [...set.keys.values()];
    else {
      const key = set.keys.get(kid);
      if (!key) return { ok: false, reason: `caller context signed with an unknown key (kid "${kid.slice(0, 64)}")` };
      candidates = [key];
    }
  } catch {
    return { ok: false, reason: 'malformed caller context' };
  }
  let payload: Record<string, unknown> | undefined;
  for (const key of candidates) {
    try {
      ({ payload } = await jwtVerify(token, key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        maxTokenAge: MAX_AGE_SECONDS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
      break;
    } catch {
      // the next key, if any
    }
  }
  if (!payload) return { ok: false, reason: 'invalid or expired caller context' };
  const nonce = payload['jti'];
  if (typeof payload['htm'] !== 'string' || typeof payload['bdg'] !== 'string' || typeof nonce !== 'string')
    return { ok: false, reason: 'caller context not bound to a request' };
  if (payload['htm'] !== request.method.toUpperCase() || payload['bdg'] !== bodyDigest(request.body))
    return { ok: false, reason: 'caller context signed for another request' };
  const caller = parseCaller(payload['caller']);
  if (!caller) return { ok: false, reason: 'malformed caller context' };
  if (options.replayGuard) {
    const iat = typeof payload['iat'] === 'number' ? payload['iat'] : Date.now() / 1000;
    const exp = typeof payload['exp'] === 'number' ? payload['exp'] : iat + MAX_AGE_SECONDS;
    const until = (Math.min(exp, iat + MAX_AGE_SECONDS) + CLOCK_TOLERANCE_SECONDS) * 1000;
    if (!(await options.replayGuard.firstUse(nonce, until))) return { ok: false, reason: 'caller context replayed' };
  }
  return { ok: true, caller };
}

/** Reads a caller from untrusted JSON; anything that is not exactly a caller is refused. */
export function parseCaller(value: unknown): Caller | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  if (!ROLES.includes(raw['role'] as Role)) return undefined;
  const regions = raw['regions'] ?? [];
  if (!Array.isArray(regions) || !regions.every((id) => typeof id === 'string')) return undefined;
  const optional = ['sub', 'department', 'organisation', 'purpose', 'clientApp'] as const;
  const home = raw['home'];
  if (home !== undefined && (!Array.isArray(home) || !home.every((id) => typeof id === 'string'))) return undefined;
  // Scopes are a closed set, and a service's alone: a credential naming one the platform does not know,
  // or a person's credential naming any, is not a credential.
  const scopes = raw['scopes'];
  if (scopes !== undefined && scopes !== null && (!Array.isArray(scopes) || !scopes.every(isScope))) return undefined;
  if (Array.isArray(scopes) && scopes.length > 0 && raw['role'] !== 'service') return undefined;
  const caller: { -readonly [K in keyof Caller]: Caller[K] } = {
    role: raw['role'] as Role,
    regions,
    ...(home ? { home } : {}),
    ...(Array.isArray(scopes) && scopes.length > 0 ? { scopes: [...new Set(scopes)] } : {}),
  };
  for (const key of optional) {
    const field = raw[key];
    if (field === undefined || field === null) continue;
    if (typeof field !== 'string') return undefined;
    caller[key] = field;
  }
  return caller;
}
