import { signingKeyOf, type Caller, type KeyMaterial } from '@liangling/schema';
import { SignJWT } from 'jose';

/**
 * Signs a caller token as the city's identity provider would, for development and tests, with the
 * set's signing key (its `kid` in the header, so the gateway picks the key without trying each).
 * @param ttl how long it is valid, as jose reads it. @default '12h'
 */
export async function signToken(
  caller: Omit<Caller, 'regions'> & { regions?: readonly string[] },
  secret: KeyMaterial,
  ttl = '12h',
): Promise<string> {
  const claims: Record<string, unknown> = { role: caller.role };
  if (caller.regions?.length) claims['regions'] = caller.regions;
  if (caller.home?.length) claims['home'] = caller.home;
  if (caller.department) claims['department'] = caller.department;
  if (caller.organisation) claims['org'] = caller.organisation;
  if (caller.scopes?.length) claims['scopes'] = caller.scopes;
  if (caller.purpose) claims['purpose'] = caller.purpose;
  if (caller.clientApp) claims['client_app'] = caller.clientApp;
  const { kid, key } = signingKeyOf(secret);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', kid })
    .setIssuer('liangling')
    .setAudience('liangling-graph')
    .setIssuedAt()
    .setExpirationTime(ttl);
  if (caller.sub) jwt.setSubject(caller.sub);
  return jwt.sign(key);
}
