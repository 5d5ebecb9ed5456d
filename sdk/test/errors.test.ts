import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { AuthError, LianglingError, MeDocument, PrivacyDeniedError, createClient } from '../src/government';

/** A client whose gateway answers every request with `body`. */
function answering(body: unknown, status = 200) {
  return createClient({
    url: 'http://gateway.test/graphql',
    fetch: async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  });
}

const me = { id: 'p-0000001', name: null, phone: null, idNumber: null, birthDate: null, repairRequests: [] };
const denied = (field: string) => ({
  message: `You may not see Resident.${field} here.`,
  path: ['me', field],
  extensions: { code: 'FORBIDDEN_FIELD', field: `Resident.${field}` },
});

describe('typed errors', () => {
  it('throws the error that is not a privacy denial first, with the partial data and every error', async () => {
    const forbidden = { message: 'Only staff.', path: ['me', 'repairRequests'], extensions: { code: 'FORBIDDEN' } };
    const client = answering({ data: { me }, errors: [denied('name'), forbidden, denied('phone')] });
    const error = await client.request(MeDocument).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'FORBIDDEN', path: ['me', 'repairRequests'], data: { me } });
    expect((error as LianglingError).errors.map((each) => each.constructor.name)).toEqual([
      'PrivacyDeniedError',
      'AuthError',
      'PrivacyDeniedError',
    ]);
  });

  it('gathers the denials of a response into one PrivacyDeniedError', async () => {
    const error = await answering({ data: { me }, errors: [denied('name'), denied('phone')] })
      .request(MeDocument)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PrivacyDeniedError);
    expect((error as PrivacyDeniedError).deniedPaths).toEqual([
      ['me', 'name'],
      ['me', 'phone'],
    ]);
    expect((error as PrivacyDeniedError).deniedFields).toEqual(['Resident.name', 'Resident.phone']);
    // A thrown error never refers to itself, so it can be logged as JSON.
    expect(() => JSON.stringify(error)).not.toThrow();
  });

  it('files a code the registry does not hold as INTERNAL_SERVER_ERROR, keeping what the server sent', async () => {
    const { errors } = await answering({
      data: null,
      errors: [{ message: 'Later.', extensions: { code: 'FROM_THE_FUTURE' } }],
    }).requestWithErrors(MeDocument);
    expect(errors[0]).toBeInstanceOf(LianglingError);
    expect(errors[0]).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', extensions: { code: 'FROM_THE_FUTURE' }, message: 'Later.' });
  });
});

describe('the SDK at runtime', () => {
  it('loads nothing but itself and graphql, so it runs outside Node', () => {
    const root = join(__dirname, '..', '..');
    const script = `
      const before = new Set(Object.keys(require.cache));
      require('./sdk/src');
      console.log(JSON.stringify(Object.keys(require.cache).filter((file) => !before.has(file))));`;
    const loaded = JSON.parse(
      execFileSync(process.execPath, ['-r', './scripts/register.js', '-e', script], { cwd: root, encoding: 'utf8' }),
    ) as string[];
    const foreign = loaded.filter(
      (file) => !/[/\\]sdk[/\\]src[/\\]/.test(file) && !/[/\\]node_modules[/\\](graphql|@swc|@swc-node)[/\\]/.test(file),
    );
    expect(loaded.length).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
  });
});
