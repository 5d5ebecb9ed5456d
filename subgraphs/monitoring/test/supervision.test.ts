import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SUPERGRAPH_PATH } from '@liangling/schema';
import { startTestStack, type RunningStack } from '@liangling/stack';

// 监督考核: every department's figures from every subgraph, side by side, in one request. The figures
// each department contributes to `Department`; those not in the graph yet are skipped by name below.
const EXPECTED_FIGURES = [
  'requestPerformance',
  'petitionPerformance',
  'enforcementPerformance',
  'alertPerformance',
  'privacyAccess',
] as const;
const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');
const departmentType = /type Department\b[^{]*\{([\s\S]*?)\n\}/.exec(supergraph)?.[1] ?? '';
const present = EXPECTED_FIGURES.filter((field) => new RegExp(`^\\s*${field}\\(`, 'm').test(departmentType));
const missing = EXPECTED_FIGURES.filter((field) => !present.includes(field));

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('supervision and assessment', () => {
  it(`returns every department's figures from every subgraph in one request (${present.join(', ')})`, async () => {
    const auditor = await stack.token({ role: 'auditor', sub: 'a-1' });
    // Each figure's scalar fields, from the schema the auditor is given, so the one query asks for all of them.
    const introspection = await stack.query(
      '{ __type(name: "Department") { fields { name args { name } type { name ofType { name } } } } }',
      { token: auditor },
    );
    const fields = introspection.data!['__type'].fields as {
      name: string;
      args: { name: string }[];
      type: { name: string | null; ofType: { name: string } | null };
    }[];
    const selections: string[] = [];
    for (const figure of present) {
      const typeName =
        fields.find((field) => field.name === figure)?.type.name ?? fields.find((field) => field.name === figure)?.type.ofType?.name;
      expect(typeName).toBeTruthy();
      const shape = await stack.query(`{ __type(name: "${typeName}") { fields { name type { kind ofType { kind } } } } }`, {
        token: auditor,
      });
      const scalars = (shape.data!['__type'].fields as { name: string; type: { kind: string; ofType: { kind: string } | null } }[])
        .filter((field) => ['SCALAR', 'ENUM'].includes(field.type.kind === 'NON_NULL' ? field.type.ofType!.kind : field.type.kind))
        .map((field) => field.name);
      // Every figure takes the one shared PeriodInput (the kit's), so one period goes to all of them.
      expect(fields.find((field) => field.name === figure)!.args.map((arg) => arg.name)).toEqual(['period']);
      selections.push(`${figure}(period: $period) { ${scalars.join(' ')} }`);
    }
    const response = await stack.query(`query Supervision($period: PeriodInput) { departments { code name ${selections.join(' ')} } }`, {
      token: auditor,
      variables: { period: { from: '2025-01-01T00:00:00Z', to: '2031-01-01T00:00:00Z' } },
    });
    expect(response.errors).toBeUndefined();
    const departments = response.data!['departments'] as Record<string, unknown>[];
    expect(departments.map((department) => department['code'])).toEqual(
      expect.arrayContaining(['CITY_MANAGEMENT', 'PETITIONS', 'ENFORCEMENT', 'EMERGENCY']),
    );
    // A figure may be null for a department it does not concern, but every figure is there for someone.
    for (const figure of present)
      expect(departments.some((department) => department[figure] !== null && typeof department[figure] === 'object')).toBe(true);
    const emergency = departments.find((department) => department['code'] === 'EMERGENCY')!;
    expect(emergency['alertPerformance']).toMatchObject({
      raised: expect.any(Number),
      acknowledged: expect.any(Number),
      resolved: expect.any(Number),
    });
  });

  for (const figure of missing) {
    it.skip(`${figure}: not contributed to Department by its subgraph yet`, () => undefined);
  }
});
