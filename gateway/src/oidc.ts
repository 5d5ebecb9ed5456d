import { ROLES, isScope, parseCaller, type Caller, type Role } from '@liangling/schema';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

/**
 * Which claims of the identity provider's tokens say what about the caller. Each value is a claim
 * name, or a dotted path into nested claims (`realm_access.roles`). README "Connecting an identity
 * provider" lists the defaults.
 */
export interface ClaimsMapping {
  /** The role: a string, or an array whose first value that maps to a role counts. @default 'role' */
  readonly role?: string;
  /** The provider's role names → ours (`{ "grid-staff": "grid_worker" }`); unmapped names count as they are. @default {} */
  readonly roles?: Readonly<Record<string, Role>>;
  /** Region ids the caller is responsible for (an array, or a space-separated string). @default 'regions' */
  readonly regions?: string;
  /** A resident's home regions. @default 'home' */
  readonly home?: string;
  /** An officer's department code. @default 'department' */
  readonly department?: string;
  /** A partner's organisation id. @default 'org' */
  readonly organisation?: string;
  /** The declared purpose. @default 'purpose' */
  readonly purpose?: string;
  /**
   * OAuth scopes (a space-separated string or an array). A scope `liangling:<role>` gives the role
   * when the role claim is absent: machine-to-machine (client-credentials) tokens usually carry
   * scopes, not custom claims. A `service` caller also gets those of its scopes that are ours
   * (`SCOPES`, e.g. `devices:read`). @default 'scope'
   */
  readonly scopes?: string;
  /** The client the token was issued to, recorded as the caller's app. @default 'azp' (then 'client_id') */
  readonly clientApp?: string;
}

export interface OidcOptions {
  /** The provider's JWKS endpoint (`jwks_uri` of its discovery document). */
  readonly jwksUrl: string;
  /** The `iss` every token must carry. */
  readonly issuer: string;
  /** The `aud` every token must carry (one of them). */
  readonly audience: string | readonly string[];
  /** @default ['RS256', 'ES256', 'EdDSA'] */
  readonly algorithms?: readonly string[];
  readonly claims?: ClaimsMapping;
  /**
   * Least time between two fetches of the key set, so that tokens with made-up key ids cannot make
   * the gateway hammer the provider; a token signed with a key not yet fetched waits for it. @default 30000
   */
  readonly cooldownMs?: number;
  /** How long a fetched key set is used before it is fetched again. @default 600000 */
  readonly cacheMaxAgeMs?: number;
  /** @default 5000 */
  readonly timeoutMs?: number;
}

/** Verifies a provider's token and turns its claims into a caller; rejects (with the reason) otherwise. */
export type OidcVerifier = (token: string) => Promise<Caller>;

function at(claims: JWTPayload, path: string): unknown {
  let value: unknown = claims;
  for (const part of path.split('.'))
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

const listOf = (value: unknown): string[] | undefined =>
  Array.isArray(value)
    ? value.filter((each): each is string => typeof each === 'string')
    : typeof value === 'string'
      ? value.split(' ').filter(Boolean)
      : undefined;

const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The caller a provider's verified claims describe, by the mapping; `undefined` when they name no known role. */
export function callerFromClaims(claims: JWTPayload, mapping: ClaimsMapping = {}): Caller | undefined {
  const known = (name: string): Role | undefined => {
    const mapped = mapping.roles?.[name] ?? name;
    return (ROLES as readonly string[]).includes(mapped) ? (mapped as Role) : undefined;
  };
  const roleClaim = at(claims, mapping.role ?? 'role');
  const scopes = listOf(at(claims, mapping.scopes ?? 'scope')) ?? [];
  const role =
    (listOf(roleClaim) ?? []).map(known).find((each) => each !== undefined) ??
    (roleClaim === undefined
      ? scopes
          .filter((scope) => scope.startsWith('liangling:'))
          .map((scope) => known(scope.slice('liangling:'.length)))
          .find((each) => each !== undefined)
      : undefined);
  if (!role) return undefined;
  return parseCaller({
    role,
    sub: stringOf(claims.sub),
    regions: listOf(at(claims, mapping.regions ?? 'regions')) ?? [],
    home: listOf(at(claims, mapping.home ?? 'home')),
    department: stringOf(at(claims, mapping.department ?? 'department')),
    organisation: stringOf(at(claims, mapping.organisation ?? 'org')),
    purpose: stringOf(at(claims, mapping.purpose ?? 'purpose')),
    clientApp: stringOf(mapping.clientApp ? at(claims, mapping.clientApp) : (claims['azp'] ?? claims['client_id'])),
    // A service's scopes of our own (scopes.ts); a provider's others (openid, liangling:<role>) say nothing more.
    ...(role === 'service' ? { scopes: scopes.filter(isScope) } : {}),
  });
}

/**
 * Tokens of an OpenID Connect provider, verified against its published keys (jose's remote key set:
 * cached, fetched again when a token names an unknown key id, at most once per cooldown).
 */
export function oidcVerifier(options: OidcOptions): OidcVerifier {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: options.cooldownMs ?? 30_000,
    cacheMaxAge: options.cacheMaxAgeMs ?? 600_000,
    timeoutDuration: options.timeoutMs ?? 5000,
  });
  const audience = typeof options.audience === 'string' ? options.audience : [...options.audience];
  const algorithms = [...(options.algorithms ?? ['RS256', 'ES256', 'EdDSA'])];
  return async (token) => {
    const { payload } = await jwtVerify(token, keys, { issuer: options.issuer, audience, algorithms });
    const caller = callerFromClaims(payload, options.claims);
    if (!caller) throw Object.assign(new Error('the token’s claims name no known role'), { code: 'ERR_CLAIMS_ROLE' });
    return caller;
  };
}
