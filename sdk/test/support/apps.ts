import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
/** The SDK's `liangling` command, as an app's `npx liangling` runs it. */
export const CLI = join(ROOT, 'sdk', 'bin', 'liangling.js');

/** An app folder with a codegen.ts for `audience` and one source file; runs `liangling generate` in it. */
export function generateApp(parent: string, name: string, audience: string, source: string, extra = ''): { dir: string; output: string } {
  const app = join(parent, name);
  mkdirSync(join(app, 'src'), { recursive: true });
  writeFileSync(
    join(app, 'codegen.ts'),
    `import { lianglingCodegen } from '@liangling/sdk/codegen';\nexport default lianglingCodegen({ audience: '${audience}'${extra} });\n`,
  );
  writeFileSync(join(app, 'src', 'operations.ts'), source);
  try {
    const output = execFileSync(process.execPath, [CLI, 'generate'], {
      cwd: app,
      encoding: 'utf8',
      stdio: 'pipe',
      env: { ...process.env, NODE_ENV: 'development' },
    });
    return { dir: app, output };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`liangling generate failed:\n${stdout}\n${stderr}`, { cause: error });
  }
}

/**
 * {@link generateApp} without blocking this process: for tests whose gateway runs in the same process,
 * where a blocked event loop would let its idle connections time out under the test's own fetches.
 */
export async function generateAppAsync(
  parent: string,
  name: string,
  audience: string,
  source: string,
  extra = '',
): Promise<{ dir: string; output: string }> {
  const app = join(parent, name);
  mkdirSync(join(app, 'src'), { recursive: true });
  writeFileSync(
    join(app, 'codegen.ts'),
    `import { lianglingCodegen } from '@liangling/sdk/codegen';\nexport default lianglingCodegen({ audience: '${audience}'${extra} });\n`,
  );
  writeFileSync(join(app, 'src', 'operations.ts'), source);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, 'generate'],
      { cwd: app, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'development' } },
      (error, stdout, stderr) =>
        error ? reject(new Error(`liangling generate failed:\n${stdout}\n${stderr}`)) : resolve({ dir: app, output: stdout }),
    );
  });
}
