import { SignJWT, jwtVerify } from 'jose';
import { ROLES, type Caller, type Role } from './caller';
import { isScope } from './scopes';

/** The header that carries the gateway's signed caller context to a subgraph. */
export const CALLER_CONTEXT_HEADER = 'x-liangling-caller';

const ISSUER = 'liangling-gateway';
const AUDIENCE = 'liangling-subgraphs';

/**
 * Signs what the gateway verified about a caller, for one subgraph fetch. Short-lived so that a
 * captured header is useless soon after; subgraphs trust nothing else about the caller.
 * @param ttlSeconds seconds the context stays valid. @default 30
 */
export async function signCallerContext(caller: Caller, key: Uint8Array, ttlSeconds = 30): Promise<string> {
  return new SignJWT({ caller: { ...caller } })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key);
}

export type CallerContextResult = { readonly ok: true; readonly caller: Caller } | { readonly ok: false; readonly reason: string };

/** Verifies a caller context; any doubt (missing, forged, expired, malformed) is a failure. */
export async function verifyCallerContext(token: string | undefined, key: Uint8Array): Promise<CallerContextResult> {
  if (!token) return { ok: false, reason: 'missing caller context' };
  try {
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], maxTokenAge: '5m' });
    const caller = parseCaller(payload['caller']);
    return caller ? { ok: true, caller } : { ok: false, reason: 'malformed caller context' };
  } catch {
    return { ok: false, reason: 'invalid or expired caller context' };
  }
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
