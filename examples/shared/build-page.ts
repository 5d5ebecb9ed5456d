// Builds an example page with esbuild into its folder's dist/, for browsers: a Node-only import
// anywhere in it, the SDK included, fails the build. Beside the bundles: index.html and app.css.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface PageBuild {
  /** The page's folder (holding index.html, app.css and src/). */
  readonly appDir: string;
  /** Output name → entry file, relative to `appDir` (e.g. `{ app: 'src/main.ts' }`). */
  readonly entryPoints: Readonly<Record<string, string>>;
}

/** Where a page's built files go. */
export function distDir(appDir: string): string {
  return join(appDir, 'dist');
}

export async function buildPage({ appDir, entryPoints }: PageBuild): Promise<void> {
  const outdir = distDir(appDir);
  mkdirSync(outdir, { recursive: true });
  await build({
    absWorkingDir: appDir,
    entryPoints: { ...entryPoints },
    outdir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'app.css']) copyFileSync(join(appDir, file), join(outdir, file));
}

/** For a script's main: a failure is printed and ends the process with status 1. */
export function exitOnFailure(work: Promise<unknown>): void {
  work.catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
