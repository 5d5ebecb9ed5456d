import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack } from '@liangling/stack';

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
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'fresh-app', version: '1.0.0', private: true, dependencies: { '@liangling/sdk': `file:../${tarball}` } }),
    );
    // The tarball, and the SDK's dependencies (graphql and a types-only package) from the npm cache where
    // it has them, as the README's quick-start installs: `npm ci` caches tarballs but not the package
    // metadata a version range needs, so a machine that has only run `npm ci` asks the registry for it.
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: app, stdio: 'pipe' });
    expect(existsSync(join(app, 'node_modules', '@liangling', 'sdk', 'dist', 'cjs', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(app, 'node_modules', '@liangling', 'schema'))).toBe(false);
    expect(existsSync(join(app, 'node_modules', '@liangling', 'sdk', 'src'))).toBe(false);
    // What an outside app's codegen and CI need: the contracts, the codegen factory, the liangling command.
    for (const file of [
      'contracts/public.graphql',
      'contracts/partner.graphql',
      'dist/tooling/codegen.js',
      'dist/types/tooling/codegen.d.ts',
      'dist/tooling/cli.js',
    ]) {
      expect({ file, packed: existsSync(join(app, 'node_modules', '@liangling', 'sdk', file)) }).toEqual({ file, packed: true });
    }
    expect(existsSync(join(app, 'node_modules', '.bin', 'liangling'))).toBe(true);

    writeFileSync(join(app, 'app.ts'), APP);
    for (const [module, moduleResolution] of [
      ['commonjs', 'node10'],
      ['esnext', 'bundler'],
      ['node16', 'node16'],
    ] as const) {
      writeFileSync(
        join(app, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            module,
            moduleResolution,
            target: 'ES2022',
            lib: ['ES2022', 'DOM'],
            types: [],
            skipLibCheck: false,
          },
          files: ['app.ts'],
        }),
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

/**
 * The quick-start section of sdk/README.md as one shell script: its `sh` blocks as they are, each `ts`
 * block written to the file its first line names (`// hello.ts`), in order.
 */
export function quickStartScript(readme: string): string {
  const start = readme.indexOf('## From an empty folder to a typed query');
  const section = readme.slice(start, readme.indexOf('runs these steps as printed', start));
  const lines: string[] = ['set -euo pipefail'];
  for (const match of section.matchAll(/^( *)```(sh|ts)\n([\s\S]*?)^\1```$/gm)) {
    const indent = match[1]!.length;
    const body = match[3]!
      .split('\n')
      .map((line) => line.slice(indent))
      .join('\n')
      .trimEnd();
    if (match[2] === 'sh') lines.push(body);
    else {
      const file = /^\/\/ (\S+)/.exec(body)?.[1];
      if (!file) throw new Error('a ts block of the quick-start does not name its file');
      lines.push(`cat > ${file} <<'QUICK_START_EOF'`, body, 'QUICK_START_EOF');
    }
  }
  return lines.join('\n');
}

describe('the quick-start of sdk/README.md, run as printed', () => {
  it('goes from an empty folder to a typed query answered by the gateway', async () => {
    const script = quickStartScript(readFileSync(join(ROOT, 'sdk', 'README.md'), 'utf8'));
    // Every step is there: pack, a module package with TypeScript 5.9, the file, type-check and run.
    expect(script).toMatch(
      /npm pack -w @liangling\/sdk[\s\S]*npm pkg set type=module[\s\S]*typescript@~5\.9[\s\S]*cat > hello\.ts[\s\S]*npx tsc [\s\S]*node hello\.js/,
    );
    const stack = await startTestStack();
    try {
      const districts = await stack.query<{ regions: { name: string }[] }>('{ regions(level: DISTRICT) { name } }');
      const output = await new Promise<string>((resolve, reject) => {
        // Asynchronously: the gateway it asks runs in this process.
        execFile(
          'bash',
          ['-c', script],
          { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LIANGLING_GATEWAY_URL: stack.url } },
          (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout)),
        );
      });
      const printed = output.trim().split('\n').slice(-districts.data!.regions.length);
      expect(printed.map((line) => line.split(' ')[0])).toEqual(districts.data!.regions.map((region) => region.name));
      for (const line of printed) expect(line).toMatch(/^\S+ \d+(\.\d+)? \d+(\.\d+)?$/);
    } finally {
      await stack.stop();
    }
  }, 300_000);
});
