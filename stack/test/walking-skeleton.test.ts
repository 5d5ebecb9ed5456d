import { describe, expect, it } from '@jest/globals';
import { CALLER_CONTEXT_HEADER, bodyDigest, signCallerContext, signingKeyOf } from '@liangling/schema';
import { SignJWT } from 'jose';
import { postGraphQL } from '../src';
import { useTestStack } from '../src/jest';

const GRID = 'r-210103-1-1-1';
const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', GRID];

const GRID_RESIDENTS = /* GraphQL */ `
  query GridResidents($regionId: ID!, $first: Int) {
    residents(regionId: $regionId, first: $first) {
      edges {
        node {
          id
          name
          phone
          idNumber
          birthDate
          repairRequests {
            id
            category
            description
            contactPhone
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const stack = useTestStack();

describe('a grid worker', () => {
  it('lists the residents of their grid: names revealed, ID numbers masked, repair requests joined from the requests subgraph', async () => {
    const token = await stack().token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
    const response = await stack().query(GRID_RESIDENTS, { token, variables: { regionId: GRID, first: 50 } });
    expect(response.errors).toBeUndefined();
    const residents = response.data!['residents'].edges.map((edge: any) => edge.node);
    expect(residents.length).toBeGreaterThan(10);
    for (const resident of residents) {
      expect(resident.name).toMatch(/^\p{Script=Han}{2,3}$/u);
      expect(resident.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(resident.idNumber).toMatch(/^\d{4}\*{14}$/);
      expect(Array.isArray(resident.repairRequests)).toBe(true);
    }
    const requests = residents.flatMap((resident: any) => resident.repairRequests);
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) expect(request.description).not.toBe('***');
  });

  it('pages through the grid with cursors, without repeats', async () => {
    const token = await stack().token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
    const first = await stack().query(GRID_RESIDENTS, { token, variables: { regionId: GRID, first: 3 } });
    const page1 = first.data!['residents'];
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await stack().query(
      GRID_RESIDENTS.replace('$first: Int)', '$first: Int, $after: String)').replace('first: $first)', 'first: $first, after: $after)'),
      { token, variables: { regionId: GRID, first: 3, after: page1.pageInfo.endCursor } },
    );
    const ids1 = page1.edges.map((edge: any) => edge.node.id);
    const ids2 = second.data!['residents'].edges.map((edge: any) => edge.node.id);
    expect(ids2).toHaveLength(3);
    expect(ids1.filter((id: string) => ids2.includes(id))).toEqual([]);
  });

  it('sees residents outside their grid only masked', async () => {
    const token = await stack().token({ role: 'grid_worker', sub: 'gw-9', regions: ['r-210102-1-1-1'] });
    const response = await stack().query('{ resident(id: "p-0000001") { name phone idNumber } }', { token });
    expect(response.errors).toBeUndefined();
    const resident = response.data!['resident'];
    expect(resident.name).toMatch(/^\p{Script=Han}\*\*$/u);
    expect(resident.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(resident.idNumber).toMatch(/^\d{4}\*{14}$/);
  });
});

describe('an anonymous caller', () => {
  it('gets no personal value from the same query: its public contract has no such fields', async () => {
    const response = await stack().query(GRID_RESIDENTS, { variables: { regionId: GRID, first: 50 } });
    expect(response.status).toBe(400);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/Cannot query field "residents" on type "Query"/);
    expect(JSON.stringify(response)).not.toMatch(/1[3-9]\d{9}|\d{17}[\dX]/);
  });

  it('cannot name a personal field at all, as if it did not exist', async () => {
    const response = await stack().query('{ resident(id: "p-0000001") { id name } }');
    expect(response.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/Cannot query field "name" on type "Resident"/);
  });

  it('still reads public places', async () => {
    const response = await stack().query('{ regions(level: DISTRICT) { name children { name } centroid { lng lat } } }');
    expect(response.errors).toBeUndefined();
    const names = response.data!['regions'].map((region: any) => region.name);
    expect(names).toEqual(expect.arrayContaining(['沈河区', '和平区', '皇姑区', '铁西区', '浑南区']));
  });
});

describe('a resident', () => {
  it('asking for a staff-only list gets FORBIDDEN_FIELD from the gateway, before any subgraph, and the rest of the answer', async () => {
    const token = await stack().token({ role: 'resident', sub: 'p-0000001', home: HOME });
    const response = await stack().query(`{ regions(level: CITY) { name } residents(regionId: "${GRID}") { edges { node { id } } } }`, {
      token,
    });
    expect(response.data!['regions']).toEqual([{ name: '沈阳市' }]);
    expect(response.data!['residents']).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]).toMatchObject({ path: ['residents'], extensions: { code: 'FORBIDDEN_FIELD' } });
    expect(response.errors![0]!.extensions!['serviceName']).toBeUndefined();
  });

  it('sees their own ID number and requests in full', async () => {
    const token = await stack().token({ role: 'resident', sub: 'p-0000001', home: HOME });
    const response = await stack().query('{ me { id name idNumber birthDate } }', { token });
    expect(response.errors).toBeUndefined();
    expect(response.data!['me'].id).toBe('p-0000001');
    expect(response.data!['me'].idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(response.data!['me'].birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('does not see a neighbour’s ID number, nor that the neighbour exists', async () => {
    const token = await stack().token({ role: 'resident', sub: 'p-0000001', home: HOME });
    const response = await stack().query('{ resident(id: "p-0000002") { name idNumber } }', { token });
    expect(response.data!['resident']).toBeNull();
    expect(JSON.stringify(response)).not.toMatch(/\d{17}[\dX]/);
  });

  it('submits a repair request once per client key, and finds it joined on themselves', async () => {
    const token = await stack().token({ role: 'resident', sub: 'p-0000002', home: HOME });
    const submit = 'mutation($input: SubmitRepairRequestInput!) { submitRepairRequest(input: $input) { id status description } }';
    const input = { category: 'HEATING', description: '暖气不热', contactPhone: '13812345678', clientKey: 'k-skeleton-1' };
    const first = await stack().query(submit, { token, variables: { input } });
    const again = await stack().query(submit, { token, variables: { input } });
    expect(first.errors).toBeUndefined();
    expect(first.data!['submitRepairRequest']).toMatchObject({ status: 'SUBMITTED', description: '暖气不热' });
    expect(again.data!['submitRepairRequest'].id).toBe(first.data!['submitRepairRequest'].id);
    const mine = await stack().query('{ me { repairRequests { id } } }', { token });
    const ids = mine.data!['me'].repairRequests.map((request: any) => request.id);
    expect(ids.filter((id: string) => id === first.data!['submitRepairRequest'].id)).toHaveLength(1);
  });
});

describe('a subgraph called without the gateway', () => {
  const query = { query: '{ resident(id: "p-0000001") { name idNumber } }' };

  it('refuses a request with no caller context', async () => {
    const response = await postGraphQL(stack().subgraphs['residents']!, query);
    expect(response.status).toBe(401);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.['code']).toBe('INVALID_CALLER_CONTEXT');
  });

  it('refuses a caller context signed with another key', async () => {
    const forged = signCallerContext(
      { role: 'department_officer', department: 'CIVIL_AFFAIRS', regions: [] },
      new TextEncoder().encode('x'.repeat(43)),
      { method: 'POST', body: JSON.stringify(query) },
    );
    const response = await postGraphQL(stack().subgraphs['residents']!, query, undefined, { [CALLER_CONTEXT_HEADER]: forged });
    expect(response.status).toBe(401);
    expect(JSON.stringify(response)).not.toMatch(/\d{17}[\dX]/);
  });

  it('refuses an expired caller context signed with the right key', async () => {
    const binding = { htm: 'POST', bdg: bodyDigest(JSON.stringify(query)), jti: 'expired-1' };
    const expired = await new SignJWT({ caller: { role: 'service', regions: [] }, ...binding })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('liangling-gateway')
      .setAudience('liangling-subgraphs')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(signingKeyOf(stack().keys.callerKey).key);
    const response = await postGraphQL(stack().subgraphs['residents']!, query, undefined, { [CALLER_CONTEXT_HEADER]: expired });
    expect(response.status).toBe(401);
  });
});

describe('bad input', () => {
  it.each([
    ['a malformed query', '{ resident(id: "p-1" { name }', 400, 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', '{ resident(id: "p-0000001") { salary } }', 400, 'GRAPHQL_VALIDATION_FAILED'],
    [
      'a wrong argument type',
      '{ residents(regionId: "r-2101", first: "ten") { edges { node { id } } } }',
      400,
      'GRAPHQL_VALIDATION_FAILED',
    ],
  ])('%s gets a clear error with a code', async (_name, query, status, code) => {
    const response = await stack().query(query);
    expect(response.status).toBe(status);
    expect(response.errors?.[0]?.extensions?.['code']).toBe(code);
  });

  it('a bad token is refused with 401, not downgraded to anonymous', async () => {
    const response = await stack().query('{ regions(level: CITY) { name } }', { token: 'not.a.jwt' });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('an expired token is refused with 401 and says so', async () => {
    const token = await new SignJWT({ role: 'grid_worker', regions: [GRID] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('liangling')
      .setAudience('liangling-graph')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(signingKeyOf(stack().keys.jwtSecret).key);
    const response = await stack().query('{ regions(level: CITY) { name } }', { token });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.message).toMatch(/expired/);
  });

  it('a body that is not JSON gets a GraphQL error, not an HTML page', async () => {
    const response = await fetch(stack().url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('an invalid mutation input writes nothing and the server keeps serving', async () => {
    const token = await stack().token({ role: 'resident', sub: 'p-0000003', home: HOME });
    const count = async () => (await stack().query('{ me { repairRequests { id } } }', { token })).data!['me'].repairRequests.length;
    const before = await count();
    const response = await stack().query('mutation($input: SubmitRepairRequestInput!) { submitRepairRequest(input: $input) { id } }', {
      token,
      variables: { input: { category: 'WATER', description: '漏水', contactPhone: '12345', clientKey: 'k-bad-phone' } },
    });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/contactPhone/);
    expect(await count()).toBe(before);
  });
});

describe('health', () => {
  it('reports every subgraph up (by name to the operator only: gateway/test/hardening.test.ts)', async () => {
    const response = await fetch(new URL('/health', stack().url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
