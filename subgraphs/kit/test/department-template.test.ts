// Every department folder has the same files for the same roles (README, "How a department looks"):
// a newcomer who knows one knows all. This test reads the seven folders and names every deviation.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SUBGRAPHS = join(__dirname, '..', '..');
const DEPARTMENTS = readdirSync(SUBGRAPHS)
  .filter((name) => name !== 'kit' && statSync(join(SUBGRAPHS, name)).isDirectory())
  .sort();

/** Files every department has. */
const REQUIRED = ['index.ts', 'context.ts', 'loaders.ts', 'seed.ts'];
/** Files a department has when it has what they hold. */
const OPTIONAL = ['references.ts', 'enums.ts', 'access.ts', 'lifecycle.ts'];
/** `<thing>.ts` (a type, or a module of the domain), `<thing>.resolver.ts`, `<thing>.inputs.ts`. */
const ENTITY_FILE = /^(?<name>[a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?<role>\.resolver|\.inputs)?\.ts$/;
const JOB_FILE = /^jobs\/[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.ts$/;

/** What may appear only in the file of its role. */
const ONLY_IN: readonly { what: string; pattern: RegExp; where: (file: string) => boolean; role: string }[] = [
  { what: '@Resolver(', pattern: /@Resolver\(/, where: (file) => file.endsWith('.resolver.ts'), role: '<thing>.resolver.ts' },
  {
    what: '@InputType( / @ArgsType(',
    pattern: /@(InputType|ArgsType)\(/,
    where: (file) => file.endsWith('.inputs.ts'),
    role: '<thing>.inputs.ts',
  },
  { what: 'registerEnumType(', pattern: /registerEnumType\(/, where: (file) => file === 'enums.ts', role: 'enums.ts' },
  { what: 'defineLifecycle(', pattern: /defineLifecycle\(/, where: (file) => file === 'lifecycle.ts', role: 'lifecycle.ts' },
  { what: 'entityReference(', pattern: /entityReference\(/, where: (file) => file === 'references.ts', role: 'references.ts' },
  { what: 'a ScheduledJob', pattern: /:\s*ScheduledJob\b/, where: (file) => file.startsWith('jobs/'), role: 'jobs/<job>.ts' },
];

/** What no department writes: the kit does it once. */
const NEVER: readonly { what: string; pattern: RegExp; instead: string }[] = [
  { what: 'a cursor codec', pattern: /base64url|pageArgs\(|toConnection\(/, instead: "the kit's connection()" },
  { what: 'raw SQL with placeholders', pattern: /\$(queryRaw|executeRaw)Unsafe\(/, instead: 'Prisma.sql' },
  { what: 'a hand-written status guard', pattern: /updateMany\(\{\s*where:\s*\{[^}]*\bstatus\b/, instead: "the kit's transition()" },
  { what: 'class-validator', pattern: /class-validator/, instead: "the kit's validate() (zod)" },
  { what: 'a deep import of the kit', pattern: /from '@liangling\/kit\/[^']*'/, instead: "'@liangling/kit'" },
  { what: 'an interval of its own', pattern: /setInterval\(/, instead: 'a ScheduledJob in jobs/' },
];

function sourceFiles(department: string): string[] {
  const root = join(SUBGRAPHS, department, 'src');
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'generated') walk(path);
      } else if (name.endsWith('.ts')) files.push(relative(root, path).split('\\').join('/'));
    }
  };
  walk(root);
  return files.sort();
}

describe.each(DEPARTMENTS)('department %s', (department) => {
  const files = sourceFiles(department);
  const read = (file: string) => readFileSync(join(SUBGRAPHS, department, 'src', file), 'utf8');

  it('has the files every department has', () => {
    expect(REQUIRED.filter((file) => !files.includes(file))).toEqual([]);
  });

  it('names every file for its role', () => {
    const misnamed = files.filter(
      (file) =>
        !REQUIRED.includes(file) && !OPTIONAL.includes(file) && !JOB_FILE.test(file) && !(ENTITY_FILE.test(file) && !file.includes('/')),
    );
    expect(misnamed).toEqual([]);
  });

  it('keeps resolvers, inputs, enums, the lifecycle, references and jobs in the files of their roles', () => {
    const misplaced = files.flatMap((file) =>
      ONLY_IN.filter((rule) => !rule.where(file) && rule.pattern.test(read(file))).map(
        (rule) => `${file}: ${rule.what} belongs in ${rule.role}`,
      ),
    );
    expect(misplaced).toEqual([]);
  });

  it('has inputs only beside a resolver, and no object types in resolver or input files', () => {
    const wrong = files.flatMap((file) => {
      const match = ENTITY_FILE.exec(file);
      if (!match?.groups?.['role']) return [];
      const problems: string[] = [];
      if (match.groups['role'] === '.inputs' && !files.includes(`${match.groups['name']}.resolver.ts`))
        problems.push(`${file} has no ${match.groups['name']}.resolver.ts`);
      if (/@ObjectType\(/.test(read(file))) problems.push(`${file} declares an @ObjectType: it belongs in ${match.groups['name']}.ts`);
      return problems;
    });
    expect(wrong).toEqual([]);
  });

  it('writes none of what the kit does once', () => {
    const found = files.flatMap((file) =>
      NEVER.filter((rule) => rule.pattern.test(read(file))).map((rule) => `${file}: ${rule.what} (use ${rule.instead})`),
    );
    expect(found).toEqual([]);
  });

  it('exports exactly one Department from index.ts', () => {
    expect(read('index.ts').match(/export const \w+: Department</g) ?? []).toHaveLength(1);
  });
});

it('finds the seven departments', () => {
  expect(DEPARTMENTS).toEqual(['audit', 'enforcement', 'monitoring', 'neighbours', 'petitions', 'requests', 'residents']);
});
