// An app's own operations through `@liangling/sdk/codegen` and `liangling generate`: typed against its
// audience's contract, hashed by codegen's client preset, refused when outside the contract, and
// the privacy docs where an editor shows them (the TypeScript language service's quick info).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ts from 'typescript';
import { generateApp } from './support/apps';

const ROOT = join(__dirname, '..', '..');

let dir: string;

beforeAll(() => {
  // Inside the repository, so that the app resolves @liangling/sdk, graphql and codegen from its node_modules.
  mkdirSync(join(ROOT, 'sdk', '.test-apps'), { recursive: true });
  dir = mkdtempSync(join(ROOT, 'sdk', '.test-apps', 'codegen-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** What an editor shows on hover at the first `marker` in `file` (after it, by `offset`). */
function quickInfo(files: Record<string, string>, file: string, marker: string): { type: string; docs: string } {
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => ({
      strict: true,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      target: ts.ScriptTarget.ES2022,
      skipLibCheck: true,
    }),
    getScriptFileNames: () => Object.keys(files),
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => {
      const text = files[name] ?? (ts.sys.fileExists(name) ? ts.sys.readFile(name) : undefined);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => ROOT,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (name) => name in files || ts.sys.fileExists(name),
    readFile: (name) => files[name] ?? ts.sys.readFile(name),
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  const position = files[file]!.indexOf(marker);
  expect(position).toBeGreaterThan(-1);
  const info = service.getQuickInfoAtPosition(file, position);
  return { type: ts.displayPartsToString(info?.displayParts), docs: ts.displayPartsToString(info?.documentation) };
}

describe('an app’s own operations (liangling generate)', () => {
  it('types them, hashes them for publishing, and says on each result field what may come back masked', () => {
    const app = generateApp(
      dir,
      'home',
      'government',
      "import { graphql } from './gql';\n" +
        'export const ResidentCard = graphql(`fragment ResidentCard on Resident { id phone }`);\n' +
        'export const MyHome = graphql(`query MyHome { me { id name ...ResidentCard } }`);\n',
    );
    const generated = readFileSync(join(app.dir, 'src', 'gql', 'graphql.ts'), 'utf8');
    const manifest = JSON.parse(readFileSync(join(app.dir, 'src', 'gql', 'persisted-documents.json'), 'utf8')) as Record<string, string>;
    const [hash, body] = Object.entries(manifest).find(([, text]) => text.includes('query MyHome'))!;
    // The manifest's hash is the SHA-256 of its text, and the generated document carries it.
    expect(createHash('sha256').update(body).digest('hex')).toBe(hash);
    expect(generated).toContain(`"__meta__":{"hash":"${hash}"}`);
    expect(body).toContain('fragment ResidentCard on Resident');

    const usage = join(app.dir, 'src', 'usage.ts');
    const files = {
      [usage]:
        "import type { MyHomeQuery } from './gql/graphql';\ndeclare const data: MyHomeQuery;\nexport const name = data.me?.name;\nexport const phone = data.me?.phone;\n",
      [join(app.dir, 'src', 'gql', 'graphql.ts')]: generated,
    };
    const name = quickInfo(files, usage, 'name;');
    expect(name.type).toContain('Masked<string, "NAME">');
    expect(name.docs).toContain('PERSONAL data: may come back masked as NAME.');
    // Through the fragment spread, as the client preset inlines it.
    const phone = quickInfo(files, usage, 'phone;');
    expect(phone.docs).toContain('PERSONAL data: may come back masked as PHONE.');
  });

  it('fails generation on a field outside the audience’s contract, naming its path', () => {
    expect(() =>
      generateApp(
        dir,
        'nosy',
        'public',
        "import { graphql } from './gql';\nexport const Nosy = graphql(`query Nosy { me { id name } }`);\n",
      ),
    ).toThrow(/Outside the public contract:[\s\S]*Nosy: me\.name \(Resident\.name is not in the contract\)/);
  });

  it('adds __typename to every selection but the root when the app asks (what Apollo Client sends)', () => {
    const app = generateApp(
      dir,
      'apollo',
      'public',
      "import { graphql } from './gql';\nexport const Districts = graphql(`query Districts { regions(level: DISTRICT) { id name } }`);\n",
      ', addTypename: true',
    );
    const manifest = JSON.parse(readFileSync(join(app.dir, 'src', 'gql', 'persisted-documents.json'), 'utf8')) as Record<string, string>;
    // The manifest holds codegen's normalised print (fields sorted); a client that sends the hash runs this text.
    expect(Object.values(manifest)).toEqual(['query Districts { regions(level: DISTRICT) { __typename id name } }']);
  });
});

describe('the SDK’s own generated types', () => {
  it('shows the masked doc on a result field on hover', () => {
    const usage = join(ROOT, 'sdk', 'src', '__hover__.ts');
    const files = {
      [usage]:
        "import type { GridResidentsQuery } from './generated/government/graphql';\ndeclare const data: GridResidentsQuery;\nexport const id = data.residents?.edges[0]?.node.idNumber;\n",
    };
    const info = quickInfo(files, usage, 'idNumber;');
    expect(info.type).toContain('Masked<string, "ID_NUMBER">');
    expect(info.docs).toContain('SENSITIVE data: may come back masked as ID_NUMBER.');
  });
});
