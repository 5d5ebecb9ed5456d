import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const ROOT = join(__dirname, '..', '..');
const TSC = require.resolve('typescript/bin/tsc');

// What an app developer writes in a fresh project: every entry point, typed results and variables,
// a misuse the types must refuse, and the privacy brand.
const APP = `
import { createClient, isMasked, paginate, RateLimitedError, SENSITIVE_FIELDS, type Masked } from '@liangling/sdk';
import { RegionsDocument, type RegionsQuery } from '@liangling/sdk/public';
import { GridResidentsDocument } from '@liangling/sdk/government';
import { OrganisationDocument } from '@liangling/sdk/partner';

const client = createClient({ url: 'http://127.0.0.1:4000/graphql', apiKey: 'key' });

export async function districts(): Promise<string[]> {
  const data: RegionsQuery = await client.request(RegionsDocument, { level: 'DISTRICT' });
  // @ts-expect-error RegionLevel has no PLANET
  await client.request(RegionsDocument, { level: 'PLANET' });
  // @ts-expect-error the partner operation needs an id
  await client.request(OrganisationDocument, {});
  return data.regions.map((region) => region.name);
}

export async function names(): Promise<string[]> {
  const names: string[] = [];
  for await (const resident of paginate(client, GridResidentsDocument, { regionId: 'r-1', first: 50 }, (data) => data.residents)) {
    const name: Masked<string, 'NAME'> | null = resident.name;
    if (name !== null && !isMasked(name, 'Resident.name')) names.push(name);
  }
  return names;
}

export const level: 'PERSONAL' = SENSITIVE_FIELDS['Resident.name'].level;
export const isRateLimit = (error: unknown): number | undefined => (error instanceof RateLimitedError ? error.retryAfter : undefined);
`;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'liangling-sdk-pack-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm pack of the SDK', () => {
  it('installs in a fresh project, type-checks with every module resolution, and runs', () => {
    execFileSync('npm', ['pack', '-w', '@liangling/sdk', '--pack-destination', dir], { cwd: ROOT, stdio: 'pipe' });
    const tarball = readdirSync(dir).find((file) => file.endsWith('.tgz'));
    expect(tarball).toBeDefined();

    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'fresh-app', version: '1.0.0', private: true, dependencies: { '@liangling/sdk': `file:../${tarball}` } }));
    // Only the tarball and the npm cache: the SDK's dependencies are graphql and a types-only package.
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: app, stdio: 'pipe' });
    expect(existsSync(join(app, 'node_modules', '@liangling', 'sdk', 'dist', 'cjs', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(app, 'node_modules', '@liangling', 'schema'))).toBe(false);
    expect(existsSync(join(app, 'node_modules', '@liangling', 'sdk', 'src'))).toBe(false);

    writeFileSync(join(app, 'app.ts'), APP);
    for (const [module, moduleResolution] of [
      ['commonjs', 'node10'],
      ['esnext', 'bundler'],
      ['node16', 'node16'],
    ] as const) {
      writeFileSync(
        join(app, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module, moduleResolution, target: 'ES2022', lib: ['ES2022', 'DOM'], types: [], skipLibCheck: false }, files: ['app.ts'] }),
      );
      const result = (() => {
        try {
          return execFileSync(process.execPath, [TSC, '-p', app], { cwd: app, encoding: 'utf8' });
        } catch (error) {
          return `${moduleResolution}: ${(error as { stdout?: string }).stdout ?? String(error)}`;
        }
      })();
      expect(result).toBe('');
    }

    // CommonJS and ES module builds both load, and carry the generated trusted-document hashes.
    const script = `
      const cjs = require('@liangling/sdk/public');
      import('@liangling/sdk/government').then((esm) => {
        console.log(JSON.stringify({ cjs: typeof cjs.createClient, hash: cjs.RegionsDocument.__meta__.hash, esm: typeof esm.createClient, me: typeof esm.MeDocument }));
      });`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: app, encoding: 'utf8' })) as Record<string, string>;
    expect(loaded).toEqual({ cjs: 'function', hash: expect.stringMatching(/^[0-9a-f]{64}$/), esm: 'function', me: 'object' });
  }, 180_000);
});
