import { ANONYMOUS, PURPOSES, codedError, keySetOf, parseCaller, type Caller, type KeyMaterial } from '@liangling/schema';
import { GraphQLError } from 'graphql';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import type { ApiKeys } from './api-keys';
import type { OidcVerifier } from './oidc';
import { sha256Hex } from './trusted-documents';

export interface AuthOptions {
  /**
   * HMAC key that signs callers' tokens (HS256), or a set of them by `kid` (current and next, during a
   * rotation): a token's `kid` picks its key (an unknown one is refused); a token without one may be
   * signed by any of the set.
   */
  readonly secret: KeyMaterial;
  /** @default 'liangling' */
  readonly issuer?: string;
  /** @default 'liangling-graph' */
  readonly audience?: string;
  /** API keys of third-party apps and partners, sent as `x-api-key`. @default none */
  readonly apiKeys?: ApiKeys;
  /** Tokens of an OpenID Connect provider (any algorithm but HS256), verified against its keys (oidc.ts). @default none */
  readonly oidc?: OidcVerifier;
  /**
   * Longest a token may be valid: `exp` minus `iat` (or minus now, without `iat`). Tokens without
   * `exp` are refused whatever this says. @default 86400 (24 hours)
   */
  readonly maxTokenLifetimeSeconds?: number;
}

/** A token lives at most this long unless configured otherwise. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

/**
 * The claims each role may carry besides `role`, `sub`, `purpose` and `client_app`: a claim another
 * role would need (a department on a community worker, regions on a resident) is refused, never passed
 * on to the departments, where it could widen what the caller sees or whom an action is attributed to.
 */
const ROLE_CLAIMS: Readonly<Record<Caller['role'], readonly ('regions' | 'home' | 'department' | 'organisation')[]>> = {
  anonymous: [],
  resident: ['home'],
  grid_worker: ['regions'],
  community_staff: ['regions'],
  department_officer: ['department'],
  partner: ['organisation'],
  auditor: [],
  service: ['department'],
};

/** The credentials a request carried. */
export interface Credentials {
  /** The `Authorization` header. */
  readonly authorization?: string | undefined;
  /** The `x-api-key` header. */
  readonly apiKey?: string | undefined;
  /** The `x-liangling-purpose` header, percent-encoded by clients. */
  readonly purpose?: string | undefined;
}

/** Who is calling, and with which API key (by id), if any. */
export interface Authenticated {
  readonly caller: Caller;
  readonly apiKeyId?: string;
  /** When the token stops being valid (ms since the epoch): a long-lived stream ends then. Absent without a token. */
  readonly expiresAt?: number;
}

/**
 * The one place credentials become a caller:
 * - a bearer token → its claims (a bad token is UNAUTHENTICATED, HTTP 401, never a silent downgrade);
 * - an API key → the app (anonymous, with its `clientApp`) or partner it was issued to; an unknown
 *   key is UNAUTHENTICATED too;
 * - both → the token's caller, acting through the key's app (its `clientApp`), held to the key's
 *   restrictions (the safelist);
 * - neither → anonymous.
 */
export async function authenticateRequest(credentials: Credentials, options: AuthOptions): Promise<Authenticated> {
  const authenticated = await identify(credentials, options);
  const caller = withPurpose(authenticated.caller, credentials.purpose);
  return { ...authenticated, caller };
}

/**
 * The purpose a request declares: the header's, or the token's. A token issued for one purpose
 * cannot be used for another, and a role may declare only its own purposes (`PURPOSES`).
 */
function withPurpose(caller: Caller, header: string | undefined): Caller {
  let declared: string | undefined;
  try {
    declared = header ? decodeURIComponent(header) : undefined;
  } catch {
    throw codedError('PURPOSE_NOT_ALLOWED', 'The x-liangling-purpose header is not a valid purpose code.');
  }
  if (declared && caller.purpose && declared !== caller.purpose) {
    throw codedError('PURPOSE_NOT_ALLOWED', `The token was issued for the purpose "${caller.purpose}".`);
  }
  const purpose = declared ?? caller.purpose;
  if (!purpose) return caller;
  if (!PURPOSES[caller.role].includes(purpose)) {
    throw codedError('PURPOSE_NOT_ALLOWED', `A ${caller.role} may declare one of: ${PURPOSES[caller.role].join(', ')}.`);
  }
  return { ...caller, purpose };
}

async function identify(credentials: Credentials, options: AuthOptions): Promise<Authenticated> {
  let key: { id: string; caller: Caller } | undefined;
  if (credentials.apiKey !== undefined) {
    key = options.apiKeys?.get(sha256Hex(credentials.apiKey));
    if (!key) throw codedError('UNAUTHENTICATED', 'The API key is not valid.');
  }
  if (!credentials.authorization) return key ? { caller: key.caller, apiKeyId: key.id } : { caller: ANONYMOUS };
  const caller = await authenticate(credentials.authorization, options);
  const expiry = expiryOf(credentials.authorization);
  const expiresAt = expiry !== undefined ? { expiresAt: expiry } : {};
  if (!key) return { caller, ...expiresAt };
  const clientApp = key.caller.clientApp ?? caller.clientApp;
  return { caller: clientApp ? { ...caller, clientApp } : caller, apiKeyId: key.id, ...expiresAt };
}

/** The `exp` of a bearer token already verified (every accepted token has one), in ms. */
function expiryOf(authorization: string): number | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  const exp = token ? decodeJwt(token).exp : undefined;
  return typeof exp === 'number' ? exp * 1000 : undefined;
}

/**
 * Turns the `Authorization` header into a caller: none → anonymous; a valid bearer token → its claims;
 * anything else (malformed, expired, wrong key or audience, unknown role) → UNAUTHENTICATED (HTTP 401),
 * never a silent downgrade to anonymous.
 */
export async function authenticate(authorization: string | undefined, options: AuthOptions): Promise<Caller> {
  if (!authorization) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match?.[1]) throw codedError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>".');
  if (options.oidc && headerAlgorithm(match[1]) !== 'HS256') return authenticateOidc(match[1], options.oidc);
  const accepted = acceptedTokens(options.secret);
  const maxLifetime = options.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const known = accepted.get(`${maxLifetime} ${match[1]}`);
  if (known) return known;
  const claims = await verifiedClaims(match[1], options);
  const caller = parseCaller({
    role: claims['role'],
    sub: claims['sub'],
    regions: claims['regions'],
    home: claims['home'],
    department: claims['department'],
    organisation: claims['org'],
    purpose: claims['purpose'],
    clientApp: claims['client_app'],
    scopes: claims['scopes'],
  });
  if (!caller) throw codedError('UNAUTHENTICATED', 'The token’s claims do not describe a known role.');
  const exp = claims['exp'] as number;
  const issuedAt = typeof claims['iat'] === 'number' ? claims['iat'] : Date.now() / 1000;
  if (exp - issuedAt > maxLifetime)
    throw codedError('UNAUTHENTICATED', `The token is valid for longer than ${maxLifetime} s; ask for a shorter-lived one.`);
  const foreign = claimsBeyondRole(caller);
  if (foreign.length > 0) throw codedError('UNAUTHENTICATED', `A ${caller.role} token cannot carry ${foreign.join(', ')}.`);
  accepted.set(`${maxLifetime} ${match[1]}`, caller, { ttl: Math.max(1, Math.min(exp * 1000 - Date.now(), ACCEPTED_TOKEN_TTL_MS)) });
  return caller;
}

/** How long an accepted token's caller is remembered at most (never past the token's `exp`). */
const ACCEPTED_TOKEN_TTL_MS = 60_000;

/**
 * Tokens verified and accepted, by their exact text (and the lifetime limit they were held to), per key set: a client sends the same token with
 * every request, and verifying it again (HMAC, claims) was 1–2 % of the gateway's work. Another key
 * set (a rotation) starts empty; a refused token is never remembered.
 */
const acceptedByKeys = new WeakMap<object, LRUCache<string, Caller>>();
function acceptedTokens(keys: KeyMaterial): LRUCache<string, Caller> {
  let cache = acceptedByKeys.get(keys);
  if (!cache) acceptedByKeys.set(keys, (cache = new LRUCache<string, Caller>({ max: 10_000, ttl: ACCEPTED_TOKEN_TTL_MS })));
  return cache;
}

/** The claims of a token signed by a key of the set; UNAUTHENTICATED otherwise. */
async function verifiedClaims(token: string, options: AuthOptions): Promise<Record<string, unknown>> {
  const keys = keySetOf(options.secret);
  let candidates: Uint8Array[];
  try {
    const { kid } = decodeProtectedHeader(token);
    const key = kid === undefined ? undefined : keys.keys.get(kid);
    if (kid !== undefined && !key) throw codedError('UNAUTHENTICATED', 'The token is signed with a key this gateway does not hold.');
    candidates = key ? [key] : [...keys.keys.values()];
  } catch (error) {
    if (error instanceof GraphQLError) throw error;
    throw codedError('UNAUTHENTICATED', 'The token is not valid.');
  }
  let failure: unknown;
  for (const key of candidates) {
    try {
      const { payload } = await jwtVerify(token, key, {
        issuer: options.issuer ?? 'liangling',
        audience: options.audience ?? 'liangling-graph',
        algorithms: ['HS256'],
        requiredClaims: ['exp'],
      });
      return payload;
    } catch (error) {
      failure = error;
    }
  }
  const expired = (failure as { code?: string } | undefined)?.code === 'ERR_JWT_EXPIRED';
  throw codedError('UNAUTHENTICATED', expired ? 'The token has expired.' : 'The token is not valid.');
}

function headerAlgorithm(token: string): string | undefined {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    return undefined;
  }
}

/** A provider's token: the same refusals as for our own, never a downgrade to anonymous. */
async function authenticateOidc(token: string, verify: OidcVerifier): Promise<Caller> {
  try {
    return await verify(token);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ERR_JWT_EXPIRED'
        ? 'The token has expired.'
        : code === 'ERR_CLAIMS_ROLE'
          ? 'The token’s claims do not describe a known role.'
          : 'The token is not valid.';
    throw codedError('UNAUTHENTICATED', reason);
  }
}

/** The role-specific claims a caller carries that its role may not (empty lists count as absent). */
function claimsBeyondRole(caller: Caller): string[] {
  const allowed = ROLE_CLAIMS[caller.role];
  const carried = {
    regions: caller.regions.length > 0,
    home: (caller.home?.length ?? 0) > 0,
    department: caller.department !== undefined,
    organisation: caller.organisation !== undefined,
  };
  return (Object.keys(carried) as (keyof typeof carried)[]).filter((claim) => carried[claim] && !allowed.includes(claim));
}
