#!/usr/bin/env node
// npm run build [-- <folder>]: the runtime as plain JavaScript in build/ (or <folder>), a tree that
// mirrors the repository's, so that every path the code derives from __dirname holds there too:
//
//   build/<workspace>/src/**/*.js   the runtime workspaces compiled by tsc (tsconfig.build.json;
//                                   decorator metadata on, which type-graphql needs and esbuild lacks)
//   build/<workspace>/package.json  every workspace's, `main`/`bin`/`exports` pointing at the .js
//   build/package.json              the root's, its scripts running the built entry points
//   build/package-lock.json         as committed: `npm ci` there installs exactly what the repository tested
//   build/…                         the files the code reads at run time (ASSETS below)
//
// Then: cd build && npm ci --omit=dev --omit=optional && npm start (README, "Production").
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, 'build'));
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// Every workspace folder, `subgraphs/*` expanded.
const workspaces = rootPackage.workspaces.flatMap((pattern) =>
  pattern.endsWith('/*')
    ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(root, pattern.slice(0, -2), entry.name, 'package.json')))
        .map((entry) => `${pattern.slice(0, -2)}/${entry.name}`)
    : [pattern],
);

/** Read at run time, by path: the supergraph and contracts, each department's migrations, the SDK's trusted documents. */
const ASSETS = [
  'schema/supergraph.graphql',
  'schema/subgraphs',
  'schema/contracts',
  ...workspaces.flatMap((workspace) => [`${workspace}/prisma/migrations`, `${workspace}/prisma/postgres/migrations`]),
  'sdk/src/generated/persisted-documents.json',
];

// The folder is replaced whole; never the repository or a folder holding it.
if (root.startsWith(out)) throw new Error(`refusing to build into ${out}: it holds the repository`);
rmSync(out, { recursive: true, force: true });
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
run([join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', out]);
// GraphiQL, bundled now: its packages are build-time only (explorer/src/index.ts).
run(['-r', './scripts/register.js', 'explorer/src/index.ts', join(out, 'explorer', 'dist')]);

for (const asset of ASSETS) if (existsSync(join(root, asset))) cpSync(join(root, asset), join(out, asset), { recursive: true });
cpSync(join(root, 'package-lock.json'), join(out, 'package-lock.json'));

// Every workspace's package.json, built or not, or `npm ci` finds the lockfile out of date; only the
// built ones point at JavaScript (an unbuilt one, such as bench, is never loaded).
for (const workspace of workspaces) {
  const pkg = JSON.parse(readFileSync(join(root, workspace, 'package.json'), 'utf8'));
  if (existsSync(join(out, workspace, 'src'))) {
    for (const field of ['main', 'bin', 'exports']) if (pkg[field] !== undefined) pkg[field] = toJs(pkg[field]);
    // No declarations are built: the types would point at sources the build does not have.
    delete pkg.types;
    delete pkg.typesVersions;
  }
  writePackage(join(out, workspace), pkg);
}

// The root's scripts that run an entry point through the TypeScript loader run the built file instead
// (`npm start` without building the explorer first: it is built); the others are the repository's tools.
const scripts = {};
for (const [name, command] of Object.entries(rootPackage.scripts)) {
  const entry = /node -r \.\/scripts\/register\.js (\S+)\.ts$/.exec(command)?.[1];
  if (entry && existsSync(join(out, `${entry}.js`))) scripts[name] = `node ${entry}.js`;
}
writePackage(out, { ...rootPackage, scripts });
console.log(`built: ${out} (next: cd ${out} && npm ci --omit=dev --omit=optional)`);

/** `src/index.ts` → `src/index.js`, in a string or in every string of an object (bin, exports). */
function toJs(value) {
  if (typeof value === 'string') return value.replace(/\.ts$/, '.js');
  return Object.fromEntries(Object.entries(value).map(([key, each]) => [key, toJs(each)]));
}

function writePackage(dir, pkg) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
}
