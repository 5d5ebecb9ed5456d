// Key sets by kid: what the configuration accepts, what it refuses (one line, exit 2, nothing
// written), and that configured keys leave no key file behind.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadGatewayConfig } from '@liangling/gateway';
import { memoryReplayGuard, parseKeySet, signCallerContext, verifyCallerContext } from '@liangling/schema';
import { loadConfig, loadKeys } from '../src';
import { temporaryFolders } from '../src/jest';

const ROOT = join(__dirname, '..', '..');
// Random, as production requires of secrets.
const A = randomBytes(30).toString('base64url');
const B = randomBytes(30).toString('base64url');
const folder = temporaryFolders('keys');

describe('key sets', () => {
  it('sign with the named kid and verify with any key of the set', async () => {
    const next = parseKeySet(`2026a:${A},2026b:${B}`, '2026b');
    const current = parseKeySet(`2026a:${A},2026b:${B}`);
    expect(next.ok && current.ok).toBe(true);
    if (!next.ok || !current.ok) return;
    expect(current.keys.signingKid).toBe('2026a');
    const request = { method: 'POST', body: '{"query":"{ __typename }"}' };
    const signed = signCallerContext({ role: 'anonymous', regions: [] }, next.keys, request);
    expect(await verifyCallerContext(signed, current.keys, request)).toMatchObject({ ok: true });
    const onlyOld = parseKeySet(`2026a:${A}`);
    expect(onlyOld.ok && (await verifyCallerContext(signed, onlyOld.keys, request))).toEqual({
      ok: false,
      reason: 'caller context signed with an unknown key (kid "2026b")',
    });
  });

  it('refuse what cannot work, saying what to fix', () => {
    expect(parseKeySet(`2026a:${A}`, '2026c')).toEqual({ ok: false, error: 'the signing kid "2026c" is not one of 2026a' });
    expect(parseKeySet('2026a:short')).toEqual({ ok: false, error: 'the secret of kid "2026a" is shorter than 32 characters' });
    expect(parseKeySet(`2026a:${A},2026a:${B}`)).toEqual({ ok: false, error: 'kid "2026a" is given twice' });
    expect(parseKeySet(A).ok).toBe(false);
    expect(loadConfig({ CALLER_CONTEXT_SECRET: A, CALLER_CONTEXT_KEYS: `x:${B}` })).toEqual({
      ok: false,
      errors: ['CALLER_CONTEXT_SECRET and CALLER_CONTEXT_KEYS: set one of them'],
    });
    expect(loadConfig({ JWT_KID: 'x' })).toEqual({ ok: false, errors: ['JWT_KID: needs JWT_KEYS'] });
    const gateway = loadGatewayConfig(join(ROOT, 'schema', 'supergraph.graphql'), {
      JWT_KEYS: `j1:${A}`,
      JWT_KID: 'j2',
      CALLER_CONTEXT_SECRET: B,
    });
    expect(gateway).toEqual({ ok: false, errors: ['JWT_KEYS: the signing kid "j2" is not one of j1'] });
  });

  it('remember each nonce until it expires', async () => {
    let now = 1_000;
    const guard = memoryReplayGuard(() => now);
    expect(await guard.firstUse('n1', 2_000)).toBe(true);
    expect(await guard.firstUse('n1', 2_000)).toBe(false);
    now = 2_001;
    expect(await guard.firstUse('n1', 3_000)).toBe(true);
  });
});

describe('a service started with an unknown signing kid', () => {
  it('stops at once with one line and exit code 2, and writes nothing', () => {
    const dir = folder();
    const result = spawnSync(
      process.execPath,
      ['-r', join(ROOT, 'scripts', 'register.js'), join(ROOT, 'stack', 'src', 'bin', 'start-subgraph.ts'), 'residents'],
      {
        cwd: ROOT,
        env: {
          PATH: process.env['PATH'],
          DATA_DIR: dir,
          RESIDENTS_PORT: '0',
          CALLER_CONTEXT_KEYS: `2026a:${A}`,
          CALLER_CONTEXT_KID: '2026b',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('configuration: CALLER_CONTEXT_KEYS: the signing kid "2026b" is not one of 2026a');
    expect(existsSync(join(dir, 'residents.db'))).toBe(false);
    expect(existsSync(join(dir, 'keys.json'))).toBe(false);
  }, 60_000);
});

describe('the development key file', () => {
  it('is written only for keys that are not configured', () => {
    const configured = folder();
    const set = parseKeySet(`k1:${B}`);
    if (!set.ok) throw new Error(set.error);
    const keys = loadKeys(configured, { jwtSecret: A, callerContextSecret: set.keys });
    expect(keys.jwtSecret).toBeInstanceOf(Uint8Array);
    expect(existsSync(join(configured, 'keys.json'))).toBe(false);
    const half = folder();
    loadKeys(half, { jwtSecret: A });
    expect(existsSync(join(half, 'keys.json'))).toBe(true);
  });
});
