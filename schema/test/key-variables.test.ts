import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { KEY_VARIABLES, keysFromVariables } from '../src';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);

describe('keysFromVariables', () => {
  it('gives the one secret as its text, a key set from <NAME>_KEYS, and nothing when neither is set', () => {
    expect(keysFromVariables('JWT', { JWT_SECRET: A })).toEqual({ ok: true, keys: A });
    expect(keysFromVariables('CALLER_CONTEXT', { CALLER_CONTEXT_KEYS: `old:${A},new:${B}`, CALLER_CONTEXT_KID: 'new' })).toEqual({
      ok: true,
      keys: {
        signingKid: 'new',
        keys: new Map([
          ['old', new TextEncoder().encode(A)],
          ['new', new TextEncoder().encode(B)],
        ]),
      },
    });
    expect(keysFromVariables('JWT', { CALLER_CONTEXT_SECRET: A })).toEqual({ ok: true, keys: undefined });
  });

  it('refuses both at once, a kid without a set, and a bad set, naming the variable', () => {
    expect(keysFromVariables('JWT', { JWT_SECRET: A, JWT_KEYS: `x:${B}` })).toEqual({
      ok: false,
      error: 'JWT_SECRET and JWT_KEYS: set one of them',
    });
    expect(keysFromVariables('CALLER_CONTEXT', { CALLER_CONTEXT_KID: 'x' })).toEqual({
      ok: false,
      error: 'CALLER_CONTEXT_KID: needs CALLER_CONTEXT_KEYS',
    });
    expect(keysFromVariables('JWT', { JWT_KEYS: `j1:${A}`, JWT_KID: 'j2' })).toEqual({
      ok: false,
      error: 'JWT_KEYS: the signing kid "j2" is not one of j1',
    });
  });
});

describe('KEY_VARIABLES', () => {
  it('refuses a secret shorter than 32 characters', () => {
    const environment = z.object(KEY_VARIABLES);
    expect(environment.safeParse({ JWT_SECRET: A }).success).toBe(true);
    expect(environment.safeParse({ CALLER_CONTEXT_SECRET: 'short' }).error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'CALLER_CONTEXT_SECRET',
    ]);
  });
});
