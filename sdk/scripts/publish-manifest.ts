// Run by `npm pack` / `npm publish` around packing (prepack: `use-dist`, postpack: `use-src`). In
// this repository the SDK's package.json points at its TypeScript sources, so that the workspace
// runs without a build; the packed package must point at `dist/`. npm (unlike pnpm) has no
// publishConfig for entry points, so the fields are rewritten, from one list, both ways.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTRY_POINTS, type EntryPoint } from './entry-points';

const PACKAGE_JSON = join(__dirname, '..', 'package.json');

type Form = 'use-src' | 'use-dist';

function target(entry: EntryPoint, form: Form): { types: string; require: string; import: string } {
  const dir = entry ? `${entry}/` : '';
  return form === 'use-src'
    ? { types: `./src/${dir}index.ts`, require: `./src/${dir}index.ts`, import: `./src/${dir}index.ts` }
    : { types: `./dist/cjs/${dir}index.d.ts`, require: `./dist/cjs/${dir}index.js`, import: `./dist/esm/${dir}index.mjs` };
}

/** The entry-point fields of package.json in one form. */
export function entryFields(form: Form): Record<string, unknown> {
  const root = target('', form);
  const exports: Record<string, unknown> = {};
  for (const entry of ENTRY_POINTS) {
    const paths = target(entry, form);
    exports[entry ? `./${entry}` : '.'] =
      form === 'use-src' ? paths.require : { types: paths.types, import: paths.import, default: paths.require };
  }
  exports['./persisted-documents.json'] =
    form === 'use-src' ? './src/generated/persisted-documents.json' : './dist/persisted-documents.json';
  exports['./package.json'] = './package.json';
  // The app's codegen configuration (Node only, CommonJS: graphql-codegen loads codegen.ts with require).
  exports['./codegen'] =
    form === 'use-src' ? './tooling/codegen.ts' : { types: './dist/types/tooling/codegen.d.ts', default: './dist/tooling/codegen.js' };
  exports['./contracts/*'] = './contracts/*';
  const typesVersions: Record<string, string[]> = Object.fromEntries(
    ENTRY_POINTS.filter((entry) => entry).map((entry) => [entry, [target(entry, form).types.slice(2)]]),
  );
  typesVersions['codegen'] = [form === 'use-src' ? 'tooling/codegen.ts' : 'dist/types/tooling/codegen.d.ts'];
  return {
    main: root.require.slice(2),
    ...(form === 'use-dist' ? { module: root.import.slice(2) } : {}),
    types: root.types.slice(2),
    exports,
    typesVersions: { '*': typesVersions },
  };
}

export function rewrite(form: Form): void {
  const current = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as Record<string, unknown>;
  const { main: _main, module: _module, types: _types, exports: _exports, typesVersions: _typesVersions, ...rest } = current;
  // Entry fields go right after the description, where a reader looks for them.
  const ordered: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    ordered[key] = value;
    if (key === 'license') Object.assign(ordered, entryFields(form));
  }
  writeFileSync(PACKAGE_JSON, `${JSON.stringify(ordered, null, 2)}\n`);
}

if (require.main === module) {
  const form = process.argv[2];
  if (form !== 'use-src' && form !== 'use-dist') {
    console.error('usage: publish-manifest.ts use-src|use-dist');
    process.exit(2);
  }
  rewrite(form);
}
