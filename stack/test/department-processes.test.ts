import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { groupDepartments } from '../src/department-processes';
import { startStack, type RunningStack } from '../src';

// `npm start` serves the departments in a process per core (and audit in its own): the same graph, privacy and audit across
// process boundaries (the audit service in one process records the reveals of the others).
const GRID = 'r-210103-1-1-1';
let dataDir: string;
let stack: RunningStack;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'liangling-processes-'));
  stack = await startStack({ dataDir, seedResidents: 400, gatewayPort: 0, subgraphPorts: {}, jobIntervalMs: 0, departmentProcesses: 2 });
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('departments in a process per core', () => {
  it('splits the departments one page joins (residents, requests) over the processes, the audit service in one of its own', () => {
    const groups = groupDepartments(['audit', 'residents', 'neighbours', 'requests', 'petitions', 'enforcement', 'monitoring'], 2);
    expect(groups).toEqual([['residents', 'neighbours', 'enforcement'], ['requests', 'petitions', 'monitoring'], ['audit']]);
    expect(groupDepartments(['audit', 'residents'], 7)).toEqual([['residents'], ['audit']]);
    expect(groupDepartments(['audit', 'residents'], 1)).toEqual([['residents', 'audit']]);
  });

  it('answers a grid page joined across processes, and records the reveals of both in the audit process', async () => {
    const token = await stack.token({ role: 'grid_worker', sub: 'gw-processes', regions: [GRID] });
    const page = await stack.query(
      `{ residents(regionId: "${GRID}", first: 20) { edges { node { id name phone repairRequests { id description } } } } }`,
      { token },
    );
    expect(page.errors).toBeUndefined();
    const nodes = page.data!['residents'].edges.map((edge: any) => edge.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.flatMap((node: any) => node.repairRequests).length).toBeGreaterThan(0);
    const auditor = await stack.token({ role: 'auditor', sub: 'aud-1' });
    const trail = await stack.query(
      '{ auditTrail(filter: { actorSub: "gw-processes" }, first: 10) { edges { node { subgraph typeName } } } }',
      { token: auditor },
    );
    expect(trail.errors).toBeUndefined();
    const records = trail.data!['auditTrail'].edges.map((edge: any) => `${edge.node.subgraph}:${edge.node.typeName}`).sort();
    // A row read (residents), a list found by region (residents: a filter on where they live), the
    // requests read and the link from each resident to their requests (requests).
    expect(records).toEqual(['requests:RepairRequest', 'requests:Resident', 'residents:Resident', 'residents:Resident']);
  });

  it('goes on serving the other departments when one is stopped', async () => {
    await stack.stopSubgraph('requests');
    const token = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
    const page = await stack.query(`{ residents(regionId: "${GRID}", first: 5) { edges { node { id name repairRequests { id } } } } }`, {
      token,
    });
    expect(page.data!['residents'].edges.length).toBe(5);
    expect(page.errors?.map((error) => error.extensions?.['code'])).toContain('SUBGRAPH_UNAVAILABLE');
  });
});
