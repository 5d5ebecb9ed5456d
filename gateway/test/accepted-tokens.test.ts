import { describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { authenticate } from '../src/auth';

// The gateway remembers tokens it accepted (a client sends the same one with every request), so the
// remembering must never outlive what verification would say: not past the token's expiry, not under
// another key set, and never for a token it refused.
const encoder = new TextEncoder();
const keyA = encoder.encode('a'.repeat(40));
const keyB = encoder.encode('b'.repeat(40));

const sign = (key: Uint8Array, expiresInSeconds: number) =>
  new SignJWT({ role: 'grid_worker', regions: ['r-210103-1-1-1'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('liangling')
    .setAudience('liangling-graph')
    .setSubject('gw-1')
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
    .sign(key);

describe('accepted tokens', () => {
  it('are refused once expired, though they were accepted a moment before', async () => {
    const token = await sign(keyA, 2);
    await expect(authenticate(`Bearer ${token}`, { secret: keyA })).resolves.toMatchObject({ role: 'grid_worker', sub: 'gw-1' });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expect(authenticate(`Bearer ${token}`, { secret: keyA })).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('are verified again under another key set (a rotation), and refused there when the key is not in it', async () => {
    const token = await sign(keyA, 600);
    await expect(authenticate(`Bearer ${token}`, { secret: keyA })).resolves.toMatchObject({ role: 'grid_worker' });
    await expect(authenticate(`Bearer ${token}`, { secret: keyB })).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('are held to the lifetime limit of the gateway asking, whatever another accepted', async () => {
    const token = await sign(keyA, 3600);
    await expect(authenticate(`Bearer ${token}`, { secret: keyA })).resolves.toMatchObject({ role: 'grid_worker' });
    await expect(authenticate(`Bearer ${token}`, { secret: keyA, maxTokenLifetimeSeconds: 60 })).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
