import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, type RunningStack } from '../src';

// Counts the SQL statements each subgraph sends for one request: a list joined across subgraphs must
// cost the same number of statements whatever its length (no N+1), for every join the benchmark's
// workloads use (residents → household → building → grid, residents → repair requests, repair
// requests → assignee → services, assigned requests → submitter → household).
const statements = new Map<string, number>();
let stack: RunningStack;

beforeAll(async () => {
  stack = await startTestStack({ onQuery: (subgraph) => statements.set(subgraph, (statements.get(subgraph) ?? 0) + 1) });
});
afterAll(async () => {
  await stack?.stop();
});

async function count(
  query: string,
  token: string,
  variables: Record<string, unknown>,
  rowsOf: (data: Record<string, any>) => number,
): Promise<{ rows: number; perSubgraph: Record<string, number> }> {
  statements.clear();
  const response = await stack.query(query, { token, variables });
  // Fields a caller may not see in some rows come back null with FORBIDDEN_FIELD; nothing else may fail.
  expect((response.errors ?? []).filter((error) => error.extensions?.['code'] !== 'FORBIDDEN_FIELD')).toEqual([]);
  return { rows: rowsOf(response.data!), perSubgraph: Object.fromEntries(statements) };
}

const RESIDENTS_WITH_HOMES_AND_REQUESTS = `query($first: Int) { residents(regionId: "r-2101", first: $first) {
  edges { node { id name household { room building { name grid { name } } } repairRequests(first: 5) { id description } } }
} }`;

const RESIDENTS_REQUESTS_ASSIGNEES_SERVICES = `query($first: Int) { residents(regionId: "r-2101", first: $first) {
  edges { node { id name repairRequests(first: 3) { id status assignee { id name services { id name } } } } }
} }`;

const ASSIGNED_REQUESTS_WITH_SUBMITTERS = `query($first: Int) { organisation(id: "org-water") { assignedRequests(first: $first) {
  edges { node { id description submittedBy { id name household { room building { name } } } } }
} } }`;

const residentRows = (data: Record<string, any>) => data['residents'].edges.length as number;

// A level of the map with every department's figures: what a map app asks for.
const MAP_LEVEL = `query($level: RegionLevel!) { regions(level: $level) { id
  stats { population { value suppressed } ageBands { band count { value } } }
  requestStats { total byStatus { status count } byCategory { category count } medianHoursToResolve onTimeRate averageRating }
  petitionStats { received { value suppressed } byChannel { channel count { value } } byDepartment { department count { value } } }
  enforcementStats { total byType { type count } byStatus { status count } }
} }`;

const RESIDENTS_SENSITIVE = `query($first: Int) { residents(regionId: "r-2101", first: $first) { edges { node { id idNumber livesAlone elderly } } } }`;
// Officers list no residents (minimum listing): they reach a party's ID number through their cases.
const CASE_PARTIES = `query($first: Int) { enforcementCases(first: $first) { edges { node { id party { resident { id idNumber } } } } } }`;
const caseRows = (data: Record<string, any>) => data['enforcementCases'].edges.length as number;

describe('statements per request', () => {
  it('look grants up in one batch: one statement more per department and request, whatever the length of the list', async () => {
    const plain = await stack.token({ role: 'community_staff', sub: 'cs-grants', regions: ['r-2101'] });
    const visiting = await stack.token({ role: 'community_staff', sub: 'cs-grants', regions: ['r-2101'], purpose: 'care-visit' });
    const breaking = await stack.token({ role: 'community_staff', sub: 'cs-grants', regions: ['r-2101'], purpose: 'emergency' });
    const officer = await stack.token({ role: 'department_officer', sub: 'o-grants', department: 'ENFORCEMENT', purpose: 'case-handling' });
    const officerPlain = await stack.token({
      role: 'department_officer',
      sub: 'o-grants',
      department: 'ENFORCEMENT',
      purpose: 'supervision',
    });
    for (const first of [10, 500]) {
      const base = (await count(RESIDENTS_SENSITIVE, plain, { first }, residentRows)).perSubgraph['residents']!;
      expect((await count(RESIDENTS_SENSITIVE, visiting, { first }, residentRows)).perSubgraph['residents']).toBe(base + 1);
      expect((await count(RESIDENTS_SENSITIVE, breaking, { first }, residentRows)).perSubgraph['residents']).toBe(base + 1);
    }
    // An officer's case grants are enforcement's records, asked once per request: one statement more
    // there, and the parties' residents read in one batch, for 10 cases as for 100.
    const residentsRead: (number | undefined)[] = [];
    for (const first of [10, 100]) {
      const asOfficer = await count(CASE_PARTIES, officer, { first }, caseRows);
      const officerBase = await count(CASE_PARTIES, officerPlain, { first }, caseRows);
      expect(asOfficer.rows).toBeGreaterThan(0);
      expect(asOfficer.perSubgraph['enforcement']).toBe((officerBase.perSubgraph['enforcement'] ?? 0) + 1);
      residentsRead.push(asOfficer.perSubgraph['residents']);
    }
    expect(residentsRead[0]).toBe(residentsRead[1]);
  });

  it('do not grow with the length of the list: 10 or 500 residents with homes and repair requests', async () => {
    const token = await stack.token({ role: 'community_staff', sub: 'cs-1', regions: ['r-2101'] });
    const small = await count(RESIDENTS_WITH_HOMES_AND_REQUESTS, token, { first: 10 }, residentRows);
    const medium = await count(RESIDENTS_WITH_HOMES_AND_REQUESTS, token, { first: 100 }, residentRows);
    const large = await count(RESIDENTS_WITH_HOMES_AND_REQUESTS, token, { first: 500 }, residentRows);
    expect([small.rows, medium.rows, large.rows]).toEqual([10, 100, 500]);
    const { audit: smallAudit, ...smallReads } = small.perSubgraph;
    const { audit: largeAudit, ...largeReads } = large.perSubgraph;
    expect(largeReads).toEqual(smallReads);
    // The audit subgraph gets one batched write per revealing subgraph and request: the first 10
    // residents have no repair request to reveal, so only the residents subgraph writes; from 100 on
    // both do, and 100 or 500 rows cost the same statements there too.
    expect(smallAudit).toBeGreaterThan(0);
    expect(largeAudit).toBeLessThanOrEqual(2 * smallAudit!);
    expect(large.perSubgraph).toEqual(medium.perSubgraph);
    // Both subgraphs took part, so the equality above is about real work.
    expect(small.perSubgraph['residents']).toBeGreaterThan(0);
    expect(small.perSubgraph['requests']).toBeGreaterThan(0);
  });

  it('do not grow with the length of the list: residents → repair requests → assignee → services', async () => {
    const token = await stack.token({ role: 'community_staff', sub: 'cs-1', regions: ['r-2101'] });
    // 60 rows keeps the estimated cost (each list counted at its declared size) under the gateway's limit.
    const small = await count(RESIDENTS_REQUESTS_ASSIGNEES_SERVICES, token, { first: 20 }, residentRows);
    const large = await count(RESIDENTS_REQUESTS_ASSIGNEES_SERVICES, token, { first: 60 }, residentRows);
    expect(large.rows).toBe(60);
    // The small page already reaches assignees (and so the neighbours subgraph); the large one reaches more.
    const assigned = async (first: number) =>
      (
        (await stack.query<Record<string, any>>(RESIDENTS_REQUESTS_ASSIGNEES_SERVICES, { token, variables: { first } })).data!['residents']
          .edges as any[]
      )
        .flatMap((edge) => edge.node.repairRequests ?? [])
        .filter((request) => request.assignee).length;
    expect(await assigned(60)).toBeGreaterThan(await assigned(20));
    expect(large.perSubgraph).toEqual(small.perSubgraph);
    expect(small.perSubgraph['neighbours']).toBeGreaterThan(0);
  });

  it('do not grow with the length of the list: a level of the map with every department’s statistics', async () => {
    const rowsOf = (data: Record<string, any>) => data['regions'].length as number;
    for (const token of [undefined, await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: ['r-210103-1-1-1'] })]) {
      const asked = async (level: string) => count(MAP_LEVEL, token as string, { level }, rowsOf);
      // The statistics' noise secrets are read once per process: the first request reads them, no later one.
      await asked('DISTRICT');
      const streets = await asked('STREET');
      const grids = await asked('GRID');
      expect(grids.rows).toBeGreaterThan(streets.rows);
      expect(grids.perSubgraph).toEqual(streets.perSubgraph);
      for (const subgraph of ['residents', 'requests', 'petitions', 'enforcement'])
        expect(streets.perSubgraph[subgraph]).toBeGreaterThan(0);
    }
  });

  it("do not grow with the length of the list: an organisation's assigned requests with their submitters' homes", async () => {
    const token = await stack.token({ role: 'department_officer', sub: 'o-1', department: 'CITY_MANAGEMENT' });
    const rowsOf = (data: Record<string, any>) => data['organisation'].assignedRequests.edges.length as number;
    const small = await count(ASSIGNED_REQUESTS_WITH_SUBMITTERS, token, { first: 2 }, rowsOf);
    const large = await count(ASSIGNED_REQUESTS_WITH_SUBMITTERS, token, { first: 200 }, rowsOf);
    expect(small.rows).toBe(2);
    expect(large.rows).toBeGreaterThan(small.rows);
    expect(large.perSubgraph).toEqual(small.perSubgraph);
    expect(small.perSubgraph['residents']).toBeGreaterThan(0);
  });
});
