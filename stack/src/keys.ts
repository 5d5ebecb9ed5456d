import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HmacKeySet, KeyMaterial } from '@liangling/schema';

export interface StackKeys {
  /** Signs callers' tokens (the city's identity provider's job; ours in development); all of the set verify. */
  readonly jwtSecret: KeyMaterial;
  /** Signs the caller context the gateway sends to subgraphs; all of the set verify. */
  readonly callerKey: KeyMaterial;
}

/** A configured secret: one (`JWT_SECRET`) or a set by kid (`JWT_KEYS`). */
export type ConfiguredKey = string | HmacKeySet | undefined;

/**
 * The keys the configuration gives; for any it does not, the development keys under
 * `dataDir/keys.json`, created on first use so that `npm start` works on a fresh machine and
 * `npm run token` signs tokens the running gateway accepts. When both are configured nothing is read
 * or written there: secrets live only where they are used.
 */
export function loadKeys(dataDir: string, overrides: { jwtSecret?: ConfiguredKey; callerContextSecret?: ConfiguredKey } = {}): StackKeys {
  const material = (key: ConfiguredKey): KeyMaterial | undefined => (typeof key === 'string' ? new TextEncoder().encode(key) : key);
  const jwt = material(overrides.jwtSecret);
  const caller = material(overrides.callerContextSecret);
  if (jwt && caller) return { jwtSecret: jwt, callerKey: caller };
  const stored = developmentKeys(dataDir);
  return { jwtSecret: jwt ?? material(stored.jwtSecret)!, callerKey: caller ?? material(stored.callerContextSecret)! };
}

function developmentKeys(dataDir: string): { jwtSecret: string; callerContextSecret: string } {
  const file = join(dataDir, 'keys.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const fresh = { jwtSecret: randomBytes(32).toString('base64url'), callerContextSecret: randomBytes(32).toString('base64url') };
    try {
      writeFileSync(file, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process of the same start wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string; callerContextSecret: string };
}

/** A key or key set as text, for a child process (its secret alone, or the set as JSON). */
export function keyMaterialToText(material: KeyMaterial): string {
  if (material instanceof Uint8Array) return new TextDecoder().decode(material);
  const keys = Object.fromEntries([...material.keys].map(([kid, key]) => [kid, new TextDecoder().decode(key)]));
  return JSON.stringify({ signingKid: material.signingKid, keys });
}

/** The inverse of {@link keyMaterialToText}. */
export function keyMaterialFromText(text: string): KeyMaterial {
  if (!text.startsWith('{')) return new TextEncoder().encode(text);
  const parsed = JSON.parse(text) as { signingKid: string; keys: Record<string, string> };
  return {
    signingKid: parsed.signingKid,
    keys: new Map(Object.entries(parsed.keys).map(([kid, secret]) => [kid, new TextEncoder().encode(secret)])),
  };
}
