import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, type RunningStack } from '@liangling/stack';

const BUILDING = 'b-000001';
const GRID = 'r-210103-1-1-1';
const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', GRID];

const NEAR = /* GraphQL */ `
  query Near($near: NearInput!, $category: NeighbourServiceCategory, $first: Int, $after: String) {
    neighbourServices(near: $near, category: $category, first: $first, after: $after) {
      edges {
        cursor
        distanceMetres
        node {
          id
          category
          name
          hours
          price {
            cents
            unit
            display
          }
          provider {
            id
            kind
            phone
          }
          area {
            id
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
const SERVICE =
  'query($id: ID!) { neighbourService(id: $id) { id name hours status category price { cents unit } area { id } provider { id } } }';
const CREATE =
  'mutation($input: CreateNeighbourServiceInput!) { createNeighbourService(input: $input) { id name status provider { id } area { id } } }';
const UPDATE =
  'mutation($id: ID!, $input: UpdateNeighbourServiceInput!) { updateNeighbourService(id: $id, input: $input) { id name hours price { cents unit display } area { id } } }';
const RETIRE = 'mutation($id: ID!) { retireNeighbourService(id: $id) { id status retiredAt } }';
const SIGN_UP = 'mutation($input: SignUpAsVolunteerInput!) { signUpAsVolunteer(input: $input) { id skills availability resident { id } } }';

let stack: RunningStack;
let statements = 0;
beforeAll(async () => {
  // The statement counts below join whole levels of the map with services, areas and providers:
  // far beyond the cost a production gateway allows one request, which is not what this file tests.
  const gateway = { logger: 'silent' as const, anonymousIntrospection: true, limits: { maxCost: 1_000_000 } };
  stack = await startTestStack({ onQuery: (subgraph) => (statements += subgraph === 'neighbours' ? 1 : 0), gateway });
});
afterAll(async () => {
  await stack?.stop();
});

const nodes = (response: { data?: Record<string, any> | null }) => response.data!['neighbourServices'].edges.map((edge: any) => edge.node);

describe('services near a place', () => {
  it('are those whose area covers the building, nearest provider first', async () => {
    const response = await stack.query(NEAR, { variables: { near: { buildingId: BUILDING }, first: 100 } });
    expect(response.errors).toBeUndefined();
    const edges = response.data!['neighbourServices'].edges;
    expect(edges.length).toBeGreaterThan(10);
    for (const edge of edges) {
      // Every service covers the building's grid through one of its areas: the city, its street, its community…
      expect(edge.node.area.some((area: { id: string }) => HOME.includes(area.id))).toBe(true);
    }
    const distances = edges.map((edge: any) => edge.distanceMetres);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const ids = edges.map((edge: any) => edge.node.id);
    expect(ids).toEqual(
      expect.arrayContaining(['svc-water-repair', 'svc-power-repair', 'svc-property-r-210103-1-repair', 'svc-canteen-r-210103-1-1-meals']),
    );
    // Another street's and another community's services do not reach this building.
    expect(ids).not.toContain('svc-property-r-210103-2-repair');
    expect(ids).not.toContain('svc-canteen-r-210103-1-2-meals');
    expect(edges[0].node.provider.phone).toMatch(/^\d/);
  });

  it('are filtered by category', async () => {
    const response = await stack.query(NEAR, { variables: { near: { buildingId: BUILDING }, category: 'MEALS' } });
    expect(response.errors).toBeUndefined();
    const services = nodes(response);
    expect(services.length).toBeGreaterThan(0);
    expect(services.every((service: any) => service.category === 'MEALS')).toBe(true);
    expect(services[0].price).toEqual({
      cents: expect.any(Number),
      unit: expect.any(String),
      display: expect.stringMatching(/^¥\d+\.\d{2}\/|^免费$/),
    });
  });

  it('page by cursor without repeats or gaps', async () => {
    const all = nodes(await stack.query(NEAR, { variables: { near: { regionId: 'r-210103-1-1' }, first: 100 } })).map(
      (service: any) => service.id,
    );
    const first = await stack.query(NEAR, { variables: { near: { regionId: 'r-210103-1-1' }, first: 4 } });
    const page = first.data!['neighbourServices'];
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await stack.query(NEAR, { variables: { near: { regionId: 'r-210103-1-1' }, first: 4, after: page.pageInfo.endCursor } });
    expect([...nodes(first), ...nodes(second)].map((service: any) => service.id)).toEqual(all.slice(0, 8));
  });

  it.each([
    ['both', { buildingId: BUILDING, regionId: GRID }],
    ['neither', {}],
  ])('needs exactly one of buildingId or regionId (%s is refused)', async (_name, near) => {
    const response = await stack.query(NEAR, { variables: { near } });
    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.['field']).toBe('near');
    expect(response.errors?.[0]?.message).toMatch(/buildingId or regionId/);
  });

  it('says which place does not exist', async () => {
    const response = await stack.query(NEAR, { variables: { near: { buildingId: 'b-999999' } } });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'near.buildingId' });
  });
});

describe('Region.neighbourServices', () => {
  it('is joined onto regions from the residents subgraph', async () => {
    const response = await stack.query(
      `{ region(id: "r-210103-1-1") { name level neighbourServices(category: ELDERLY_CARE) { id category provider { name } } } }`,
    );
    expect(response.errors).toBeUndefined();
    const region = response.data!['region'];
    expect(region).toMatchObject({ name: '多福社区', level: 'COMMUNITY' });
    const ids = region.neighbourServices.map((service: any) => service.id);
    expect(ids).toEqual(expect.arrayContaining(['svc-mutual-aid-r-210103-1-1-day-care', 'svc-clinic-r-210103-1-home-visit']));
    expect(ids).not.toContain('svc-mutual-aid-r-210103-1-2-day-care');
    expect(region.neighbourServices.every((service: any) => service.category === 'ELDERLY_CARE')).toBe(true);
  });

  it('works for a whole level of the map at once', async () => {
    const response = await stack.query('{ regions(level: STREET) { id neighbourServices(category: LEGAL_AID) { id } } }');
    expect(response.errors).toBeUndefined();
    for (const street of response.data!['regions']) {
      const ids = street.neighbourServices.map((service: any) => service.id);
      expect(ids).toEqual(expect.arrayContaining(['svc-legal-aid-hotline', `svc-office-${street.id}-legal`]));
    }
  });

  it('costs the neighbours subgraph the same statements for 20 regions as for 40', async () => {
    const count = async (level: string) => {
      statements = 0;
      const response = await stack.query(
        `{ regions(level: ${level}) { id neighbourServices { id area { id } provider { name regions { id } } } } }`,
      );
      expect(response.errors).toBeUndefined();
      return { regions: response.data!['regions'].length, statements };
    };
    const communities = await count('COMMUNITY');
    const grids = await count('GRID');
    expect([communities.regions, grids.regions]).toEqual([20, 40]);
    expect(grids.statements).toBe(communities.statements);
  });
});

describe('organisations', () => {
  it('are found by kind and region, with the regions they serve joined from residents', async () => {
    const response = await stack.query(
      '{ organisations(kind: PROPERTY_MANAGEMENT, regionId: "r-210103-1-1-1") { id kind regions { id name } services { category } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!['organisations']).toEqual([
      {
        id: 'org-property-r-210103-1',
        kind: 'PROPERTY_MANAGEMENT',
        regions: [{ id: 'r-210103-1', name: '大西街道' }],
        services: expect.arrayContaining([{ category: 'REPAIR' }]),
      },
    ]);
    const utilities = await stack.query('{ organisation(id: "org-heating") { name kind phone } }');
    expect(utilities.data!['organisation']).toEqual({
      name: '沈阳惠天热电股份有限公司',
      kind: 'UTILITY_HEATING',
      phone: expect.any(String),
    });
  });
});

describe('an organisation’s staff', () => {
  const input = {
    providerId: 'org-canteen-r-210103-1-1',
    category: 'MEALS',
    name: '周末包饺子',
    hours: '10:00-14:00',
    priceCents: 1500,
    priceUnit: '份',
    areaRegionIds: ['r-210103-1-1-1'],
  };

  it('create, update and retire their services', async () => {
    const token = await stack.token({ role: 'partner', sub: 'k-1', organisation: 'org-canteen-r-210103-1-1' });
    const created = await stack.query(CREATE, { token, variables: { input } });
    expect(created.errors).toBeUndefined();
    const service = created.data!['createNeighbourService'];
    expect(service).toMatchObject({
      name: '周末包饺子',
      status: 'ACTIVE',
      provider: { id: input.providerId },
      area: [{ id: 'r-210103-1-1-1' }],
    });
    const near = nodes(await stack.query(NEAR, { variables: { near: { buildingId: BUILDING }, category: 'MEALS', first: 100 } }));
    expect(near.map((found: any) => found.id)).toContain(service.id);

    const updated = await stack.query(UPDATE, {
      token,
      variables: { id: service.id, input: { hours: '09:00-12:00, 16:00-18:00', priceCents: 0, areaRegionIds: ['r-210103-1-1'] } },
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!['updateNeighbourService']).toMatchObject({
      hours: '09:00-12:00, 16:00-18:00',
      price: { cents: 0, unit: '份', display: '免费' },
      area: [{ id: 'r-210103-1-1' }],
    });

    const retired = await stack.query(RETIRE, { token, variables: { id: service.id } });
    expect(retired.data!['retireNeighbourService']).toMatchObject({ status: 'RETIRED', retiredAt: expect.any(String) });
    const after = nodes(await stack.query(NEAR, { variables: { near: { buildingId: BUILDING }, category: 'MEALS', first: 100 } }));
    expect(after.map((found: any) => found.id)).not.toContain(service.id);
    const again = await stack.query(UPDATE, { token, variables: { id: service.id, input: { name: '复活' } } });
    expect(again.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
  });

  it('cannot touch another organisation’s services, and nothing changes', async () => {
    const other = await stack.token({ role: 'partner', sub: 'k-2', organisation: 'org-water' });
    const id = 'svc-canteen-r-210103-1-1-meals';
    const before = await stack.query(SERVICE, { variables: { id } });
    const attempts = [
      await stack.query(CREATE, { token: other, variables: { input } }),
      await stack.query(UPDATE, { token: other, variables: { id, input: { name: '被改了', priceCents: 99_999 } } }),
      await stack.query(RETIRE, { token: other, variables: { id } }),
    ];
    for (const attempt of attempts) {
      expect(attempt.data).toBeNull();
      expect(attempt.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
    const resident = await stack.token({ role: 'resident', sub: 'p-0000001', home: HOME });
    expect((await stack.query(RETIRE, { token: resident, variables: { id } })).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await stack.query(RETIRE, { variables: { id } })).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await stack.query(SERVICE, { variables: { id } })).toEqual(before);
    const own = await stack.token({ role: 'partner', sub: 'k-1', organisation: input.providerId });
    const services = await stack.query(`{ organisation(id: "${input.providerId}") { services(includeRetired: true) { name } } }`, {
      token: own,
    });
    expect(services.data!['organisation'].services.map((service: any) => service.name)).not.toContain('被改了');
  });

  it('get BAD_USER_INPUT naming the field, and nothing is written', async () => {
    const token = await stack.token({ role: 'partner', sub: 'k-1', organisation: input.providerId });
    const count = async () =>
      (await stack.query(`{ organisation(id: "${input.providerId}") { services(includeRetired: true) { id } } }`)).data!['organisation']
        .services.length;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...input, name: ' ' }, 'name'],
      [{ ...input, hours: '20:00-08:00' }, 'hours'],
      [{ ...input, hours: 'all day' }, 'hours'],
      [{ ...input, priceCents: -1 }, 'priceCents'],
      [{ ...input, priceUnit: null }, 'priceUnit'],
      [{ ...input, areaRegionIds: [] }, 'areaRegionIds'],
      [{ ...input, areaRegionIds: ['r-210103-1-1-1', 'r-nowhere'] }, 'areaRegionIds'],
      // Outside the community the canteen serves.
      [{ ...input, areaRegionIds: ['r-210102-1-1'] }, 'areaRegionIds'],
    ];
    for (const [bad, field] of cases) {
      const response = await stack.query(CREATE, { token, variables: { input: bad } });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const id = 'svc-canteen-r-210103-1-1-delivery';
    const unchanged = await stack.query(SERVICE, { variables: { id } });
    const partial = await stack.query(UPDATE, { token, variables: { id, input: { name: '新名字', areaRegionIds: ['r-210105-1'] } } });
    expect(partial.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'areaRegionIds' });
    expect(await stack.query(SERVICE, { variables: { id } })).toEqual(unchanged);
    expect(await count()).toBe(before);
  });
});

describe('volunteers', () => {
  it('sign up once per resident: signing up again updates the same record', async () => {
    const token = await stack.token({ role: 'resident', sub: 'p-0000007', home: HOME });
    const first = await stack.query(SIGN_UP, { token, variables: { input: { skills: ['陪护', '理发'], availability: '周末上午' } } });
    expect(first.errors).toBeUndefined();
    expect(first.data!['signUpAsVolunteer']).toMatchObject({
      skills: ['陪护', '理发'],
      availability: '周末上午',
      resident: { id: 'p-0000007' },
    });
    const same = await stack.query(SIGN_UP, { token, variables: { input: { skills: ['陪护', '理发'], availability: '周末上午' } } });
    expect(same.data!['signUpAsVolunteer']).toEqual(first.data!['signUpAsVolunteer']);
    const changed = await stack.query(SIGN_UP, { token, variables: { input: { skills: ['手机教学'], availability: '工作日晚上' } } });
    expect(changed.data!['signUpAsVolunteer']).toMatchObject({ id: first.data!['signUpAsVolunteer'].id, skills: ['手机教学'] });
    const me = await stack.query('{ me { id volunteer { id skills availability } } }', { token });
    expect(me.errors).toBeUndefined();
    expect(me.data!['me'].volunteer).toEqual({ id: first.data!['signUpAsVolunteer'].id, skills: ['手机教学'], availability: '工作日晚上' });
  });

  it('refuses bad input naming the field, and anyone but a resident', async () => {
    const token = await stack.token({ role: 'resident', sub: 'p-0000008', home: HOME });
    const bad = await stack.query(SIGN_UP, { token, variables: { input: { skills: [], availability: '周末' } } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'skills' });
    const none = await stack.query('{ me { volunteer { id } } }', { token });
    expect(none.data!['me'].volunteer).toBeNull();
    const partner = await stack.token({ role: 'partner', sub: 'k-1', organisation: 'org-water' });
    const refused = await stack.query(SIGN_UP, { token: partner, variables: { input: { skills: ['维修'], availability: '周末' } } });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('keep their personal data from anonymous callers and other residents', async () => {
    const token = await stack.token({ role: 'resident', sub: 'p-0000009', home: HOME });
    await stack.query(SIGN_UP, { token, variables: { input: { skills: ['心理疏导'], availability: '每周三下午' } } });
    const query = '{ resident(id: "p-0000009") { id volunteer { skills availability resident { id } } } }';
    // An anonymous caller's contract has no personal field at all: the query fails validation.
    const anonymous = await stack.query(query);
    expect(anonymous.status).toBe(400);
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(anonymous.data ?? null).toBeNull();
    const direct = await stack.query('{ volunteers(regionId: "r-210103-1-1-1") { edges { node { id } } } }');
    // A staff-only list is not in the public contract at all.
    expect(direct.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    // Another resident may ask, but the source denies the field on someone else's row.
    const neighbour = await stack.query(query, { token: await stack.token({ role: 'resident', sub: 'p-0000001', home: HOME }) });
    // Another resident does not even learn that the resident exists.
    expect(neighbour.data!['resident']).toBeNull();
    for (const response of [anonymous, direct, neighbour]) expect(JSON.stringify(response)).not.toMatch(/心理疏导|每周三/);
  });

  it('are listed in full to the grid worker of their grid', async () => {
    const token = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
    const response = await stack.query(
      `{ volunteers(regionId: "${GRID}", first: 100) { edges { node { skills availability resident { id } } } } }`,
      { token },
    );
    expect(response.errors).toBeUndefined();
    const found = response.data!['volunteers'].edges.map((edge: any) => edge.node);
    expect(found).toEqual(expect.arrayContaining([{ skills: ['心理疏导'], availability: '每周三下午', resident: { id: 'p-0000009' } }]));
  });
});
