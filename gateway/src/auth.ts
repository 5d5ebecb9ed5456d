import { ANONYMOUS, codedError, parseCaller, type Caller } from '@liangling/schema';
import { jwtVerify } from 'jose';

export interface AuthOptions {
  /** HMAC key that signs callers' tokens (HS256). */
  readonly secret: Uint8Array;
  /** @default 'liangling' */
  readonly issuer?: string;
  /** @default 'liangling-graph' */
  readonly audience?: string;
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
  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(match[1], options.secret, {
      issuer: options.issuer ?? 'liangling',
      audience: options.audience ?? 'liangling-graph',
      algorithms: ['HS256'],
    }));
  } catch (error) {
    const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
    throw codedError('UNAUTHENTICATED', expired ? 'The token has expired.' : 'The token is not valid.');
  }
  const caller = parseCaller({
    role: claims['role'],
    sub: claims['sub'],
    regions: claims['regions'],
    home: claims['home'],
    department: claims['department'],
    organisation: claims['org'],
    purpose: claims['purpose'],
    clientApp: claims['client_app'],
  });
  if (!caller) throw codedError('UNAUTHENTICATED', 'The token’s claims do not describe a known role.');
  return caller;
}
