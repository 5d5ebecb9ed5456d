import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import type { SdkAudience } from '../codegen';

const ROOT = join(__dirname, '..', '..');

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'liangling-codegen-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs the SDK's codegen (its CLI, in a child process: it loads ES modules jest cannot) for one
 * audience on one operation, into a temporary folder; resolves with the output or rejects with what
 * the CLI printed.
 */
async function generateFor(audience: SdkAudience, name: string, operation: string): Promise<string> {
  const operations = join(dir, name, 'operations');
  const output = join(dir, name, 'out');
  mkdirSync(operations, { recursive: true });
  writeFileSync(join(operations, `${name}.graphql`), operation);
  const config = join(dir, name, 'codegen.ts');
  writeFileSync(
    config,
    `import { audienceOutputs } from ${JSON.stringify(join(ROOT, 'sdk', 'codegen'))};\n` +
      `export default { overwrite: true, generates: audienceOutputs(${JSON.stringify(audience)}, ${JSON.stringify(relative(ROOT, operations))}, ${JSON.stringify(relative(ROOT, output))}) };\n`,
  );
  try {
    // NODE_ENV=test (set by jest) silences codegen's error details; the test asserts on them.
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js'), '--config', config, '--verbose'],
      { cwd: ROOT, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, NODE_ENV: 'development' } },
    );
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`codegen failed: ${(error as Error).message}\n${stdout}\n${stderr}`, { cause: error });
  }
  return readFileSync(join(output, 'graphql.ts'), 'utf8');
}

describe('generation per audience', () => {
  it('generates an operation that fits its audience’s contract', async () => {
    const output = await generateFor('partner', 'Fits', 'query Fits($id: ID!) { repairRequest(id: $id) { id status contactPhone } }');
    expect(output).toContain('export const FitsDocument');
  });

  it('fails on a field the audience’s contract does not have', async () => {
    // A resident's name is PERSONAL: outside the public contract, so no public operation may ask for it.
    await expect(generateFor('public', 'TooMuch', 'query TooMuch { me { id name } }')).rejects.toThrow(
      /Cannot query field "name" on type "Resident"/,
    );
  });

  it('fails on a SECRET field in the partner contract', async () => {
    await expect(generateFor('partner', 'Secret', 'query Secret($id: ID!) { petition(id: $id) { id petitioner { id } } }')).rejects.toThrow(
      /Cannot query field "petitioner" on type "Petition"/,
    );
  });
});
