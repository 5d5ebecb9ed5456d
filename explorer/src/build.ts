// Bundles GraphiQL (graphiql, React, the Monaco editor and its workers, all from npm) into one folder
// of static files with esbuild: page.js + page.css, and the three workers the editor starts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

/** The files the page needs, beside index.html. */
export const EXPLORER_FILES = ['page.js', 'page.css', 'editor.worker.js', 'graphql.worker.js', 'json.worker.js'] as const;

const resolve = (specifier: string) => require.resolve(specifier, { paths: [__dirname] });

/** Builds the bundle into `outdir`; seconds, not milliseconds (Monaco is large). */
export async function buildExplorer(outdir: string, version: string): Promise<void> {
  mkdirSync(outdir, { recursive: true });
  const common = { bundle: true, minify: true, platform: 'browser', target: 'es2022', logLevel: 'error', legalComments: 'none' } as const;
  await build({
    ...common,
    entryPoints: { page: join(__dirname, 'page.ts') },
    outdir,
    format: 'iife',
    loader: { '.ttf': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl', '.svg': 'dataurl' },
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const monaco = dirname(resolve('monaco-editor/package.json'));
  await build({
    ...common,
    entryPoints: {
      'editor.worker': join(monaco, 'esm/vs/editor/editor.worker.js'),
      'json.worker': join(monaco, 'esm/vs/language/json/json.worker.js'),
      'graphql.worker': resolve('monaco-graphql/esm/graphql.worker.js'),
    },
    outdir,
    format: 'iife',
  });
  // Written last: a build that failed half-way is built again next time.
  writeFileSync(join(outdir, 'VERSION'), `${version}\n`);
}
