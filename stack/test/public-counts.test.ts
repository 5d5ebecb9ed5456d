import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig, startTestStack, type TestStack } from '../src';

// Every public list, page or connection that could count protected records per region or building
// (docs/statistics.md, "Lists are counts"), asked as callers without PERSONAL clearance there: none
// gives a count the protected statistics withhold. And the statistics themselves, asked after each
// of a resident's own additions, move as one fixed draw does (never a fresh one to average).

const GRID = 'r-210103-1-1-1';
const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', GRID];
const DISTRICT = 'r-210103';

let stack: TestStack;
let staff: string;
beforeAll(async () => {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'development' });
  if (!config.ok) throw new Error(config.errors.join('; '));
  stack = await startTestStack({ gateway: config.config.gateway, development: config.config.development });
  staff = await stack.token({ role: 'grid_worker', sub: 'gw-counts', regions: [GRID] });
  // An open request of someone else's in the grid, for the lists below to (not) count.
  const neighbour = await stack.token({ role: 'resident', sub: 'p-0000003', home: HOME });
  const input = {
    category: 'WATER',
    description: '楼道水管漏水',
    contactPhone: '13800138000',
    clientKey: 'counts-neighbour',
    householdId: 'h-0000001',
  };
  const submitted = await stack.query('mutation($input: SubmitRepairRequestInput!) { submitRepairRequest(input: $input) { id } }', {
    token: neighbour,
    variables: { input },
  });
  if (submitted.errors) throw new Error(JSON.stringify(submitted.errors));
});
afterAll(async () => {
  await stack?.stop();
});

const BUILDINGS = `query($id: ID!) { region(id: $id) { buildings(first: 20) { edges { node { id openRequests { id } } } } } }`;

async function openRequestsOfGrid(token?: string): Promise<number> {
  const response = await stack.query(BUILDINGS, { ...(token ? { token } : {}), variables: { id: GRID } });
  expect(response.errors).toBeUndefined();
  return response.data!['region'].buildings.edges.reduce((sum: number, edge: any) => sum + edge.node.openRequests.length, 0);
}

describe('public lists that count protected records', () => {
  it('Building.openRequests: per building, only the requests the caller may see in person', async () => {
    const truth = await openRequestsOfGrid(staff);
    expect(truth).toBeGreaterThan(0);
    expect(await openRequestsOfGrid()).toBe(0);
    const outsider = await stack.token({ role: 'grid_worker', sub: 'gw-far', regions: ['r-210102-1-1-1'] });
    expect(await openRequestsOfGrid(outsider)).toBe(0);
    // A resident counts their own open requests, which they put there themselves, and no one else's.
    const resident = await stack.token({ role: 'resident', sub: 'p-0000001', home: HOME });
    const mine = (await stack.query('{ me { repairRequests { id status building { id } } } }', { token: resident })).data![
      'me'
    ].repairRequests.filter((request: any) => request.building && !['RESOLVED', 'CLOSED'].includes(request.status)).length;
    expect(await openRequestsOfGrid(resident)).toBe(mine);
  });

  it('Resident.repairRequests: nothing of other people’s requests for callers who may not see them', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `p-${String(i + 1).padStart(7, '0')}`);
    const query = `{ ${ids.map((id, i) => `r${i}: resident(id: "${id}") { repairRequests { id } }`).join(' ')} }`;
    // Aliases beyond the limit are refused: ask in pages of 20.
    const count = async (token?: string) => {
      let total = 0;
      for (let page = 0; page < ids.length; page += 20) {
        const slice = ids.slice(page, page + 20);
        const response = await stack.query(
          `{ ${slice.map((id, i) => `r${i}: resident(id: "${id}") { repairRequests { id } }`).join(' ')} }`,
          token ? { token } : {},
        );
        // Refused outright (the field is not in a public contract) or answered without other people's rows.
        expect(
          (response.errors ?? [])
            .map((error) => error.extensions?.['code'])
            .filter((code) => code !== 'GRAPHQL_VALIDATION_FAILED' && code !== 'FORBIDDEN_FIELD'),
        ).toEqual([]);
        total += Object.values(response.data ?? {}).reduce((sum: number, row: any) => sum + (row?.repairRequests?.length ?? 0), 0);
      }
      return total;
    };
    expect(query.length).toBeGreaterThan(0);
    expect(await count(staff)).toBeGreaterThan(0);
    expect(await count()).toBe(0);
    const auditor = await stack.token({ role: 'auditor', sub: 'a-counts' });
    expect(await count(auditor)).toBe(0);
  });

  it('publicDecisions: never narrower than a district, the finest place a decision names', async () => {
    const DECISIONS = `query($regionId: ID) { publicDecisions(regionId: $regionId, first: 100) { edges { node { caseNumber } } } }`;
    const numbers = async (regionId: string) =>
      (await stack.query(DECISIONS, { variables: { regionId } })).data!['publicDecisions'].edges.map((edge: any) => edge.node.caseNumber);
    const district = await numbers(DISTRICT);
    expect(district.length).toBeGreaterThan(0);
    for (const region of [GRID, 'r-210103-1-1', 'r-210103-1']) expect(await numbers(region)).toEqual(district);
  });

  it('lists of cases, petitions, residents and volunteers by region: refused or not in the public schema', async () => {
    const resident = await stack.token({ role: 'resident', sub: 'p-0000001', home: HOME });
    for (const token of [undefined, resident]) {
      for (const query of [
        `{ enforcementCases(regionId: "${GRID}", first: 100) { edges { node { id } } } }`,
        `{ petitions(regionId: "${GRID}", first: 100) { edges { node { id } } } }`,
        `{ volunteers(regionId: "${GRID}", first: 100) { edges { node { id } } } }`,
        `{ residents(regionId: "${GRID}", first: 100) { edges { node { id } } } }`,
      ]) {
        const response = await stack.query(query, token ? { token } : {});
        expect(response.data ? Object.values(response.data).every((value) => value === null) : true).toBe(true);
        expect(['FORBIDDEN', 'FORBIDDEN_ARGUMENT', 'FORBIDDEN_FIELD', 'GRAPHQL_VALIDATION_FAILED']).toContain(
          response.errors?.[0]?.extensions?.['code'],
        );
      }
    }
  });
});

describe('a resident who adds requests in their own grid and asks after each', () => {
  it('sees the grid’s protected counts move as one fixed draw does: monotone in what they add, never a fresh draw', async () => {
    const STATS = `query($id: ID!) { region(id: $id) { requestStats { total byStatus { status count suppressed } byCategory { category count suppressed } } } }`;
    const resident = await stack.token({ role: 'resident', sub: 'p-0000002', home: HOME });
    const shown: Record<string, number>[] = [];
    const ask = async () => {
      const stats = (await stack.query(STATS, { token: resident, variables: { id: GRID } })).data!['region'].requestStats;
      // A withheld cell counts as below 5 (it is withheld because its noisy value is).
      const value = (cell: { count: number | null }) => cell.count ?? 0;
      shown.push({
        total: stats.total ?? 0,
        submitted: value(stats.byStatus.find((cell: any) => cell.status === 'SUBMITTED')),
        gas: value(stats.byCategory.find((cell: any) => cell.category === 'GAS')),
      });
    };
    await ask();
    for (let k = 1; k <= 12; k += 1) {
      const input = { category: 'GAS', description: '燃气表异常', contactPhone: '13800138000', clientKey: `counts-${k}` };
      const submitted = await stack.query('mutation($input: SubmitRepairRequestInput!) { submitRepairRequest(input: $input) { id } }', {
        token: resident,
        variables: { input },
      });
      expect(submitted.errors).toBeUndefined();
      await ask();
    }
    // Each added request moves count + N by one with N fixed: what is shown never goes down, and over
    // twelve additions it rises by about twelve, in steps of 5.
    for (const cell of ['total', 'submitted', 'gas'] as const) {
      for (let k = 1; k < shown.length; k += 1) expect(shown[k]![cell]).toBeGreaterThanOrEqual(shown[k - 1]![cell]!);
      // (Unless the draw is so low that even twelve more stay withheld: P < 2 % per cell.)
      if (shown.at(-1)![cell]! > 0) expect(shown.at(-1)![cell]! - shown[0]![cell]!).toBeGreaterThanOrEqual(5);
      expect(shown.at(-1)![cell]! - shown[0]![cell]!).toBeLessThanOrEqual(25);
    }
  });
});
