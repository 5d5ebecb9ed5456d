import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StackKeys {
  /** Signs callers' tokens (the city's identity provider's job; ours in development). */
  readonly jwtSecret: Uint8Array;
  /** Signs the caller context the gateway sends to subgraphs. */
  readonly callerKey: Uint8Array;
}

/**
 * The development keys under `dataDir/keys.json`, created on first use so that `npm start` works on
 * a fresh machine and `npm run token` signs tokens the running gateway accepts. Secrets given in the
 * configuration win.
 */
export function loadKeys(dataDir: string, overrides: { jwtSecret?: string | undefined; callerContextSecret?: string | undefined } = {}): StackKeys {
  const file = join(dataDir, 'keys.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const fresh = { jwtSecret: randomBytes(32).toString('base64url'), callerContextSecret: randomBytes(32).toString('base64url') };
    writeFileSync(file, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string; callerContextSecret: string };
  const encode = (secret: string) => new TextEncoder().encode(secret);
  return {
    jwtSecret: encode(overrides.jwtSecret ?? stored.jwtSecret),
    callerKey: encode(overrides.callerContextSecret ?? stored.callerContextSecret),
  };
}
