// The house's floors, read from the source: data flows one way (../../README.md, "Architecture").
// No import circle in any package's source; a package imports only the packages its package.json
// names; departments never import each other; the kit and the gateway name no department.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..', '..');
const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };

interface Workspace {
  readonly name: string;
  readonly folder: string;
  readonly allowed: ReadonlySet<string>;
}

const workspaces: Workspace[] = rootManifest.workspaces
  .flatMap((pattern) =>
    pattern.endsWith('/*') ? readdirSync(join(ROOT, pattern.slice(0, -2))).map((name) => join(pattern.slice(0, -2), name)) : [pattern],
  )
  .filter((folder) => existsSync(join(ROOT, folder, 'package.json')))
  .map((folder) => {
    const manifest = JSON.parse(readFileSync(join(ROOT, folder, 'package.json'), 'utf8')) as { name: string; dependencies?: object };
    // Source may use what the package depends on; devDependencies are for its tests.
    return { name: manifest.name, folder, allowed: new Set(Object.keys(manifest.dependencies ?? {})) };
  });
const DEPARTMENTS = new Set(
  workspaces
    .filter((workspace) => workspace.folder.startsWith('subgraphs/') && workspace.folder !== 'subgraphs/kit')
    .map((workspace) => workspace.name),
);

function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const child = join(path, name);
      if (statSync(child).isDirectory()) {
        if (!['node_modules', 'generated', 'test', 'dist', 'public'].includes(name)) walk(child);
      } else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(child);
    }
  };
  if (existsSync(join(ROOT, folder, 'src'))) walk(join(ROOT, folder, 'src'));
  return files;
}

/** The relative imports of a file resolved to files, and the packages it names. */
function importsOf(file: string): { files: string[]; packages: string[] } {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const files: string[] = [];
  const packages: string[] = [];
  for (const { fileName } of importedFiles) {
    if (fileName.startsWith('.')) {
      const base = resolve(dirname(file), fileName);
      const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find(
        (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
      );
      if (target && /\.tsx?$/.test(target)) files.push(target);
    } else if (fileName.startsWith('@liangling/')) {
      packages.push(fileName.split('/').slice(0, 2).join('/'));
    }
  }
  return { files, packages };
}

const graph = new Map<string, string[]>();
const named: { file: string; workspace: Workspace; packages: string[] }[] = [];
for (const workspace of workspaces) {
  for (const file of sourceFiles(workspace.folder)) {
    const imports = importsOf(file);
    graph.set(file, imports.files);
    named.push({ file, workspace, packages: imports.packages });
  }
}

/** Strongly connected components of more than one file, or a file importing itself (Tarjan). */
function circles(edges: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(relative(ROOT, member));
      } while (member !== node);
      if (component.length > 1 || (edges.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('the architecture', () => {
  it('reads every workspace', () => {
    expect(workspaces.map((workspace) => workspace.folder)).toEqual(
      expect.arrayContaining(['schema', 'subgraphs/kit', 'gateway', 'sdk', 'stack']),
    );
    expect(DEPARTMENTS.size).toBe(7);
    expect(graph.size).toBeGreaterThan(100);
  });

  it('has no import circles', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    expect(
      circles(
        new Map([
          ['/a', ['/b']],
          ['/b', ['/c']],
          ['/c', ['/a']],
          ['/d', ['/a']],
        ]),
      ),
    ).toEqual([['/a', '/b', '/c'].map((path) => relative(ROOT, path)).sort()]);
  });

  it('imports in source only the packages each package.json names', () => {
    const undeclared = named.flatMap(({ file, workspace, packages }) =>
      packages
        .filter((name) => name !== workspace.name && !workspace.allowed.has(name))
        .map((name) => `${relative(ROOT, file)} imports ${name}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('keeps the floors: schema imports none of ours, the kit and gateway no department, departments not each other', () => {
    const crossings = named.flatMap(({ file, workspace, packages }) =>
      packages
        .filter(
          (name) =>
            (workspace.name === '@liangling/schema' && name !== workspace.name) ||
            (['@liangling/kit', '@liangling/gateway'].includes(workspace.name) && DEPARTMENTS.has(name)) ||
            (DEPARTMENTS.has(workspace.name) && DEPARTMENTS.has(name) && name !== workspace.name),
        )
        .map((name) => `${relative(ROOT, file)} imports ${name}`),
    );
    expect(crossings).toEqual([]);
  });
});
