// Builds the page into examples/gov-service-app/dist with esbuild: app.js (the page) and
// neighbour-services.js (the embeddable element, a script any host page can load on its own), both
// for browsers: a Node-only import anywhere in them, the SDK included, fails this build.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export const APP_DIR = __dirname;
export const DIST_DIR = join(__dirname, 'dist');

export async function buildApp(): Promise<void> {
  mkdirSync(DIST_DIR, { recursive: true });
  await build({
    absWorkingDir: APP_DIR,
    entryPoints: { app: 'src/main.ts', 'neighbour-services': 'src/neighbour-services.ts' },
    outdir: DIST_DIR,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'app.css']) copyFileSync(join(APP_DIR, file), join(DIST_DIR, file));
}

if (require.main === module) {
  buildApp().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
