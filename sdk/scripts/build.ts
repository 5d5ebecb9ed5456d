// `npm run build -w @liangling/sdk`: the package as published. `dist/cjs`: CommonJS with declarations
// (tsc, tsconfig.build.json); `dist/esm`: ES modules for browsers and bundlers (esbuild, one chunk per
// entry point plus shared chunks), `graphql` left to the app so that it is loaded once.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { ENTRY_POINTS } from './entry-points';

const SDK_DIR = join(__dirname, '..');
const DIST = join(SDK_DIR, 'dist');

/** Resolves `@liangling/schema/src/…` imports to their files, so esbuild bundles them despite `packages: 'external'`. */
const bundleSchemaModules: Plugin = {
  name: 'bundle-schema-modules',
  setup(builder) {
    builder.onResolve({ filter: /^@liangling\/schema\/src\// }, (args) => ({ path: require.resolve(args.path) }));
  },
};

export async function buildSdk(): Promise<void> {
  rmSync(DIST, { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(SDK_DIR, 'tsconfig.build.json')], { stdio: 'inherit' });
  await build({
    absWorkingDir: SDK_DIR,
    entryPoints: ENTRY_POINTS.map((entry) => ({ in: join('src', entry, 'index.ts'), out: entry ? `${entry}/index` : 'index' })),
    outdir: join(DIST, 'esm'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    external: ['graphql', '@graphql-typed-document-node/core'],
    logLevel: 'warning',
  });
  // The Node-side tooling: `@liangling/sdk/codegen` and the `liangling` command, with its own types.
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(SDK_DIR, 'tsconfig.tooling.json')], {
    stdio: 'inherit',
  });
  await build({
    absWorkingDir: SDK_DIR,
    entryPoints: [join('tooling', 'codegen.ts'), join('tooling', 'cli.ts')],
    outdir: join(DIST, 'tooling'),
    bundle: true,
    // The app's own graphql, typescript and codegen packages; only the SDK's files are bundled, and the
    // one module of @liangling/schema the tooling imports (the packed SDK does not depend on it).
    packages: 'external',
    plugins: [bundleSchemaModules],
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    logLevel: 'warning',
  });
  mkdirSync(join(DIST, 'cjs', 'generated'), { recursive: true });
  copyFileSync(join(SDK_DIR, 'src', 'generated', 'persisted-documents.json'), join(DIST, 'persisted-documents.json'));
}

if (require.main === module) {
  buildSdk().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
