import { SignJWT } from 'jose';
import { SECRETS } from './stub-subgraphs';

/** A caller's token as the city's identity provider would sign it (the gateway's test secret). */
export function tokenFor(claims: { role: string; sub: string; [claim: string]: unknown }): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('liangling')
    .setAudience('liangling-graph')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(SECRETS.jwt);
}
