import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, type GraphQLResponse, type RunningStack } from '@liangling/stack';

const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', 'r-210103-1-1-1'];
const HOUR = 3_600_000;
// A clock of our own, years after the seeded requests, so that a window holds only what is made here.
let now = new Date('2031-01-10T08:00:00.000Z');

let stack: RunningStack;
const made: { id: string; category: string; at: string }[] = [];

beforeAll(async () => {
  stack = await startTestStack({ seedResidents: 800, clock: () => now });
  const resident = await stack.token({ role: 'resident', sub: 'p-0000001', home: HOME });
  const me = await stack.query('{ me { household { id building { id } } } }', { token: resident });
  const householdId = me.data!['me'].household.id;
  for (const [n, category] of ['HEATING', 'WATER', 'POWER', 'HEATING'].entries()) {
    now = new Date(now.getTime() + HOUR);
    const response = await stack.query(
      'mutation($input: SubmitRepairRequestInput!) { submitRepairRequest(input: $input) { id createdAt } }',
      {
        token: resident,
        variables: { input: { category, description: '暖气不热', contactPhone: '13800000000', clientKey: `search-${n}`, householdId } },
      },
    );
    expect(response.errors).toBeUndefined();
    made.push({ id: response.data!['submitRepairRequest'].id, category, at: response.data!['submitRepairRequest'].createdAt });
  }
});
afterAll(async () => {
  await stack?.stop();
});

const LIST = `query($regionId: ID!, $categories: [RepairCategory!], $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {
  repairRequests(regionId: $regionId, categories: $categories, from: $from, to: $to, first: $first, after: $after) {
    edges { node { id category createdAt description building { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const nodesOf = (response: GraphQLResponse): any[] => response.data!['repairRequests'].edges.map((edge: any) => edge.node);
const window = () => ({ from: made[0]!.at, to: new Date(now.getTime() + 1).toISOString() });

describe('repairRequests(regionId, categories, from, to)', () => {
  it('lists a region’s requests of some categories in a window, newest first, with their building, page by page', async () => {
    const officer = await stack.token({ role: 'department_officer', sub: 'o-1', department: 'CITY_MANAGEMENT' });
    const seen: any[] = [];
    let after: string | null = null;
    do {
      const response: GraphQLResponse = await stack.query(LIST, {
        token: officer,
        variables: { regionId: 'r-210103', categories: ['HEATING', 'WATER'], ...window(), first: 2, after },
      });
      expect(response.errors).toBeUndefined();
      seen.push(...nodesOf(response));
      after = response.data!['repairRequests'].pageInfo.hasNextPage ? response.data!['repairRequests'].pageInfo.endCursor : null;
    } while (after);
    const expected = made.filter((request) => request.category !== 'POWER').reverse();
    expect(seen.map((node) => node.id)).toEqual(expected.map((request) => request.id));
    for (const node of seen) expect(node.building).toEqual({ id: expect.stringMatching(/^b-/) });
    // Out of the window, or in another district: nothing.
    const before = await stack.query(LIST, {
      token: officer,
      variables: { regionId: 'r-210103', from: '2030-01-01T00:00:00.000Z', to: made[0]!.at },
    });
    expect(nodesOf(before).map((node) => node.id)).not.toEqual(expect.arrayContaining([made[0]!.id]));
    const elsewhere = await stack.query(LIST, { token: officer, variables: { regionId: 'r-210102', ...window() } });
    expect(nodesOf(elsewhere)).toEqual([]);
  });

  it('leaves each field to the privacy rules of its row: a grid worker of another grid reads the description masked', async () => {
    const theirs = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: ['r-210103-1-1-1'] });
    const other = await stack.token({ role: 'grid_worker', sub: 'gw-9', regions: ['r-210102-1-1-1'] });
    const own = await stack.query(LIST, { token: theirs, variables: { regionId: 'r-210103-1-1-1', ...window() } });
    expect(nodesOf(own).map((node) => node.description)).toEqual(made.map(() => '暖气不热'));
    const masked = await stack.query(LIST, { token: other, variables: { regionId: 'r-210103-1-1-1', ...window() } });
    expect(nodesOf(masked).map((node) => node.description)).toEqual(made.map(() => '***'));
  });

  it('is for staff and internal jobs only', async () => {
    const resident = await stack.token({ role: 'resident', sub: 'p-0000001', home: HOME });
    const partner = await stack.token({ role: 'partner', sub: 'k-1', organisation: 'org-water' });
    for (const token of [resident, partner]) {
      const response = await stack.query(LIST, { token, variables: { regionId: 'r-210103' } });
      expect(response.data?.['repairRequests'] ?? null).toBeNull();
      expect(['FORBIDDEN', 'FORBIDDEN_FIELD', 'GRAPHQL_VALIDATION_FAILED']).toContain(response.errors?.[0]?.extensions?.['code']);
    }
    const anonymous = await stack.query(LIST, { variables: { regionId: 'r-210103' } });
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    const engine = await stack.token({ role: 'service', sub: 'early-warning', purpose: 'early-warning', scopes: ['requests:read'] });
    const byEngine = await stack.query(LIST, { token: engine, variables: { regionId: 'r-2101', categories: ['HEATING'], ...window() } });
    expect(nodesOf(byEngine).map((node) => node.id)).toEqual([made[3]!.id, made[0]!.id]);
  });

  it('refuses an unknown region and an empty window', async () => {
    const officer = await stack.token({ role: 'department_officer', sub: 'o-1', department: 'CITY_MANAGEMENT' });
    const unknown = await stack.query(LIST, { token: officer, variables: { regionId: 'r-999999' } });
    expect(unknown.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const empty = await stack.query(LIST, { token: officer, variables: { regionId: 'r-2101', from: made[1]!.at, to: made[0]!.at } });
    expect(empty.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
