// Builds the console into examples/city-console/dist with esbuild, for browsers: a Node-only import
// anywhere in it, the SDK included, fails this build.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export const DIST_DIR = join(__dirname, 'dist');

export async function buildConsole(): Promise<void> {
  mkdirSync(DIST_DIR, { recursive: true });
  await build({
    absWorkingDir: __dirname,
    entryPoints: { app: 'src/main.ts' },
    outdir: DIST_DIR,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'app.css']) copyFileSync(join(__dirname, file), join(DIST_DIR, file));
}

if (require.main === module) {
  buildConsole().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
