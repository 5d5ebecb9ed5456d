import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { idNumberCheck } from '@liangling/kit';
import { startTestStack, type RunningStack } from '@liangling/stack';

// The small test city (800 residents): 40 grids of 20 residents; 多福社区 (r-210103-1-1) has grids 1 and 2.
const COMMUNITY = 'r-210103-1-1';
const GRID = 'r-210103-1-1-1';
const GRID_2 = 'r-210103-1-1-2';
const HOME = ['r-2101', 'r-210103', 'r-210103-1', COMMUNITY, GRID];

const REGISTER = `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id name idNumber household { id } } }`;
const UPDATE_PHONE = `mutation($id: ID!, $phone: String!) { updateContactDetails(residentId: $id, phone: $phone) { id phone } }`;
const MOVE = `mutation($id: ID!, $to: ID!) { moveHousehold(residentId: $id, householdId: $to) { id household { id } } }`;
const LIST = `query($regionId: ID!, $first: Int, $after: String, $filter: ResidentFilter) {
  residents(regionId: $regionId, first: $first, after: $after, filter: $filter) {
    edges { node { id name phone livesAlone household { id } } } pageInfo { hasNextPage endCursor }
  } }`;
const CELL = 'value suppressed';
const STATS = `query($id: ID!) { region(id: $id) { id children { id } stats { exact buildings
  population { ${CELL} } households { ${CELL} } elderlyLivingAlone { ${CELL} } ageBands { band count { ${CELL} } } } } }`;

let stack: RunningStack;
let gridWorker: string;
let communityStaff: string;
let cityStaff: string;

beforeAll(async () => {
  stack = await startTestStack();
  gridWorker = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
  communityStaff = await stack.token({ role: 'community_staff', sub: 'cs-1', regions: [COMMUNITY] });
  // Staff of the whole city see exact statistics everywhere: the truth the suppressed views are checked against.
  cityStaff = await stack.token({ role: 'community_staff', sub: 'cs-city', regions: ['r-2101'] });
});
afterAll(async () => {
  await stack?.stop();
});

interface Cell {
  value: number | null;
  suppressed: boolean;
}
interface Stats {
  exact: boolean;
  buildings: number;
  population: Cell;
  households: Cell;
  elderlyLivingAlone: Cell;
  ageBands: { band: string; count: Cell }[];
}

async function stats(regionId: string, token?: string): Promise<{ stats: Stats; children: { id: string }[] }> {
  const response = await stack.query(STATS, { ...(token ? { token } : {}), variables: { id: regionId } });
  expect(response.errors).toBeUndefined();
  return response.data!['region'];
}

async function gridResidents(
  regionId: string,
  token = cityStaff,
): Promise<{ id: string; name: string; phone: string; household: { id: string } }[]> {
  const response = await stack.query(LIST, { token, variables: { regionId, first: 500 } });
  expect(response.errors).toBeUndefined();
  return response.data!['residents'].edges.map((edge: any) => edge.node);
}

/** A valid ID number of someone born on the date, male when `sequence` is odd. */
function idNumber(birthDate: string, sequence: number): string {
  const first17 = `210103${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheck(first17);
}

function newcomer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    householdId: 'h-0000001',
    name: '刘新来',
    gender: 'MALE',
    birthDate: '1990-05-17',
    phone: '13912345678',
    idNumber: idNumber('1990-05-17', 123),
    ...overrides,
  };
}

describe('registerResident', () => {
  it.each([
    [
      'a wrong check character',
      { idNumber: idNumber('1990-05-17', 123).slice(0, 17) + (idNumber('1990-05-17', 123).endsWith('1') ? '2' : '1') },
      'idNumber',
    ],
    ['an ID number of 17 characters', { idNumber: idNumber('1990-05-17', 123).slice(0, 17) }, 'idNumber'],
    ['a landline number', { phone: '02422334455' }, 'phone'],
    ['a mobile number starting 12', { phone: '12912345678' }, 'phone'],
    ['a birth date the ID number does not encode', { birthDate: '1990-05-18' }, 'birthDate'],
    ['a date that does not exist', { birthDate: '1990-02-30' }, 'birthDate'],
    ['a gender the sex digit contradicts', { gender: 'FEMALE' }, 'gender'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_what, overrides, field) => {
    const before = await stats(GRID, gridWorker);
    const response = await stack.query(REGISTER, { token: gridWorker, variables: { input: newcomer(overrides) } });
    expect(response.data?.['registerResident'] ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect((await stats(GRID, gridWorker)).stats.population).toEqual(before.stats.population);
    expect((await gridResidents(GRID)).map((resident) => resident.name)).not.toContain('刘新来');
  });

  it('refuses a duplicate ID number with CONFLICT and writes nothing', async () => {
    const me = await stack.query('{ me { idNumber birthDate gender } }', {
      token: await stack.token({ role: 'resident', sub: 'p-0000001', home: HOME }),
    });
    const existing = me.data!['me'];
    const before = await stats(GRID, gridWorker);
    const response = await stack.query(REGISTER, {
      token: gridWorker,
      variables: {
        input: newcomer({ idNumber: existing.idNumber, birthDate: existing.birthDate, gender: existing.gender, name: '冒名者' }),
      },
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idNumber' });
    expect((await stats(GRID, gridWorker)).stats.population).toEqual(before.stats.population);
    expect((await gridResidents(GRID)).map((resident) => resident.name)).not.toContain('冒名者');
  });

  it('is refused to a grid worker of another grid', async () => {
    const elsewhere = await stack.token({ role: 'grid_worker', sub: 'gw-9', regions: ['r-210102-1-1-1'] });
    const response = await stack.query(REGISTER, { token: elsewhere, variables: { input: newcomer() } });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('registers a valid resident in the household and counts them in every region above', async () => {
    const before = await Promise.all([GRID, COMMUNITY, 'r-2101'].map((id) => stats(id, cityStaff)));
    const response = await stack.query(REGISTER, {
      token: gridWorker,
      variables: { input: newcomer({ idNumber: idNumber('1990-05-17', 125).toLowerCase() }) },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!['registerResident']).toMatchObject({ name: '刘新来', household: { id: 'h-0000001' } });
    const after = await Promise.all([GRID, COMMUNITY, 'r-2101'].map((id) => stats(id, cityStaff)));
    after.forEach((region, i) => expect(region.stats.population.value).toBe(before[i]!.stats.population.value! + 1));
    expect((await gridResidents(GRID)).map((resident) => resident.name)).toContain('刘新来');
  });
});

describe('updateContactDetails', () => {
  const resident = 'p-0000003';
  it('lets the resident change their own number', async () => {
    const token = await stack.token({ role: 'resident', sub: resident, home: HOME });
    const response = await stack.query(UPDATE_PHONE, { token, variables: { id: resident, phone: '138 0000 1111' } });
    expect(response.errors).toBeUndefined();
    expect(response.data!['updateContactDetails']).toEqual({ id: resident, phone: '13800001111' });
  });

  it('lets a grid worker of their grid change it', async () => {
    const response = await stack.query(UPDATE_PHONE, { token: gridWorker, variables: { id: resident, phone: '13800002222' } });
    expect(response.data!['updateContactDetails']).toEqual({ id: resident, phone: '13800002222' });
  });

  it.each([
    ['another resident', { role: 'resident', sub: 'p-0000004', home: HOME }],
    ['a grid worker of another grid', { role: 'grid_worker', sub: 'gw-2', regions: [GRID_2] }],
    ['community staff (not a grid worker)', { role: 'community_staff', sub: 'cs-1', regions: [COMMUNITY] }],
  ] as const)('is refused to %s, and nothing changes', async (_who, caller) => {
    const response = await stack.query(UPDATE_PHONE, {
      token: await stack.token(caller as any),
      variables: { id: resident, phone: '13800003333' },
    });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await gridResidents(GRID)).find((row) => row.id === resident)?.phone).toBe('13800002222');
  });

  it('refuses a number that is not a mainland mobile, naming the field', async () => {
    const response = await stack.query(UPDATE_PHONE, { token: gridWorker, variables: { id: resident, phone: '1380000222' } });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phone' });
    expect((await gridResidents(GRID)).find((row) => row.id === resident)?.phone).toBe('13800002222');
  });
});

describe('moveHousehold', () => {
  it('moves a resident to a household of another grid: lists, jurisdiction and statistics follow', async () => {
    const destination = await stack.query(`{ region(id: "${GRID_2}") { buildings(first: 1) { edges { node { households { id } } } } } }`);
    const household = destination.data!['region'].buildings.edges[0].node.households.at(-1).id as string;
    const mover = (await gridResidents(GRID)).find((row) => row.id === 'p-0000005')!;
    const before = await Promise.all([GRID, GRID_2, COMMUNITY].map((id) => stats(id, cityStaff)));

    const refused = await stack.query(MOVE, { token: gridWorker, variables: { id: mover.id, to: household } });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const response = await stack.query(MOVE, { token: communityStaff, variables: { id: mover.id, to: household } });
    expect(response.errors).toBeUndefined();
    expect(response.data!['moveHousehold']).toEqual({ id: mover.id, household: { id: household } });
    expect((await gridResidents(GRID)).map((row) => row.id)).not.toContain(mover.id);
    expect((await gridResidents(GRID_2)).map((row) => row.id)).toContain(mover.id);
    // Their grid's worker now sees their name in full; the old grid's worker no longer does.
    const read = `{ resident(id: "${mover.id}") { name } }`;
    const newWorker = await stack.query(read, { token: await stack.token({ role: 'grid_worker', sub: 'gw-2', regions: [GRID_2] }) });
    expect(newWorker.data!['resident'].name).toBe(mover.name);
    expect((await stack.query(read, { token: gridWorker })).data!['resident'].name).not.toBe(mover.name);

    const after = await Promise.all([GRID, GRID_2, COMMUNITY].map((id) => stats(id, cityStaff)));
    expect(after[0]!.stats.population.value).toBe(before[0]!.stats.population.value! - 1);
    expect(after[1]!.stats.population.value).toBe(before[1]!.stats.population.value! + 1);
    expect(after[2]!.stats.population.value).toBe(before[2]!.stats.population.value);
    // The statistics still agree with a count of the residents themselves.
    expect(after[0]!.stats.population.value).toBe((await gridResidents(GRID)).length);
    expect(after[1]!.stats.population.value).toBe((await gridResidents(GRID_2)).length);
  });

  it('refuses a move into the household the resident already lives in', async () => {
    const [someone] = await gridResidents(GRID);
    const response = await stack.query(MOVE, { token: communityStaff, variables: { id: someone!.id, to: someone!.household.id } });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'householdId' });
  });
});

describe('Region.stats', () => {
  function cells(s: Stats): [string, Cell][] {
    return [
      ['population', s.population],
      ['households', s.households],
      ['elderlyLivingAlone', s.elderlyLivingAlone],
      ...s.ageBands.map((band) => [band.band, band.count] as [string, Cell]),
    ];
  }

  it('are exact for the grid’s own staff and protected for anonymous callers: small cells mostly withheld on the noisy value, the rest rounded to 5', async () => {
    const own = await stats(GRID, gridWorker);
    expect(own.stats.exact).toBe(true);
    const anonymous = await stats(GRID);
    expect(anonymous.stats.exact).toBe(false);
    expect(anonymous.stats.buildings).toBe(own.stats.buildings);
    const truth = new Map(cells(own.stats));
    const small: boolean[] = [];
    const large: boolean[] = [];
    for (const [name, cell] of cells(anonymous.stats)) {
      const exact = truth.get(name)!.value!;
      // Withheld or not is decided on the noisy value (docs/statistics.md), so a small cell is withheld
      // unless its draw lifts it to 5, and a shown one is a multiple of 5.
      if (exact === 0) expect(cell).toEqual({ value: 0, suppressed: false });
      else if (cell.suppressed) expect(cell.value).toBeNull();
      else {
        expect(cell.value! % 5).toBe(0);
        expect(cell.value!).toBeGreaterThanOrEqual(5);
      }
      if (exact >= 1 && exact <= 4) small.push(cell.suppressed);
      if (exact >= 12) large.push(cell.suppressed);
    }
    expect(small.filter(Boolean).length).toBeGreaterThanOrEqual(small.length * 0.5);
    expect(large.filter((suppressed) => !suppressed).length).toBeGreaterThanOrEqual(large.length * 0.9);
    // Residents and staff of other places get the protected view too.
    const resident = await stats(GRID, await stack.token({ role: 'resident', sub: 'p-0000001', home: HOME }));
    expect(resident.stats.exact).toBe(false);
    expect(resident.stats).toEqual(anonymous.stats);
    expect((await stats(COMMUNITY, gridWorker)).stats.exact).toBe(false);
  });

  it('do not give a suppressed cell back by differencing a parent and its other children, or a total and its other bands', async () => {
    const attempts: { truth: number; recovered: number | null }[] = [];
    const communities = (await stack.query('{ regions(level: COMMUNITY) { id } }')).data!['regions'].map(
      (region: { id: string }) => region.id,
    ) as string[];
    for (const community of communities) {
      const parent = await stats(community);
      const children = await Promise.all(parent.children.map((child) => stats(child.id)));
      const exactChildren = await Promise.all(parent.children.map((child) => stats(child.id, cityStaff)));
      const parentCells = new Map(cells(parent.stats));
      children.forEach((child, i) => {
        const siblings = children.filter((_, j) => j !== i);
        for (const [name, cell] of cells(child.stats)) {
          if (!cell.suppressed) continue;
          const truth = new Map(cells(exactChildren[i]!.stats)).get(name)!.value!;
          const others = siblings.map((sibling) => new Map(cells(sibling.stats)).get(name)!);
          const total = parentCells.get(name)!;
          // The attacker's sum: parent minus the other children, where all are shown.
          if (total.value !== null && others.every((other) => other.value !== null)) {
            attempts.push({ truth, recovered: total.value - others.reduce((sum, other) => sum + other.value!, 0) });
          }
        }
        // A total minus its other age bands.
        child.stats.ageBands.forEach((band, b) => {
          const others = child.stats.ageBands.filter((_, c) => c !== b);
          if (!band.count.suppressed || child.stats.population.value === null || others.some((other) => other.count.value === null)) return;
          const truth = exactChildren[i]!.stats.ageBands[b]!.count.value!;
          attempts.push({ truth, recovered: child.stats.population.value - others.reduce((sum, other) => sum + other.count.value!, 0) });
        });
      });
    }
    // The city is big enough that some attempts are possible; none gives the suppressed count.
    expect(attempts.length).toBeGreaterThan(0);
    for (const attempt of attempts) {
      expect(attempt.truth).toBeGreaterThanOrEqual(1);
      // Withheld on the noisy value, a cell may be 5 or more; a difference of shown multiples of 5 never gives a 1–4 back.
      if (attempt.truth <= 4) expect(attempt.recovered).not.toBe(attempt.truth);
    }
  });

  it('answer the same protected counts when asked again (nothing to average away)', async () => {
    expect(await stats(COMMUNITY)).toEqual(await stats(COMMUNITY));
  });
});

describe('searchResidents', () => {
  const SEARCH = 'query($text: String!) { searchResidents(text: $text, first: 50) { id name phone } }';

  it('finds residents of the caller’s grid by name or phone, and never outside it', async () => {
    const mine = await gridResidents(GRID);
    const theirs = (await gridResidents('r-210102-1-1-1')).filter((other) => !mine.some((own) => own.name === other.name));
    const target = mine[5]!;
    const byName = await stack.query(SEARCH, { token: gridWorker, variables: { text: target.name } });
    expect(byName.errors).toBeUndefined();
    expect(byName.data!['searchResidents'].map((row: { id: string }) => row.id)).toContain(target.id);
    const byPhone = await stack.query(SEARCH, { token: gridWorker, variables: { text: target.phone.slice(0, 7) } });
    expect(byPhone.data!['searchResidents'].map((row: { id: string }) => row.id)).toContain(target.id);

    const outsider = theirs[0]!;
    for (const text of [outsider.name, outsider.phone]) {
      const response = await stack.query(SEARCH, { token: gridWorker, variables: { text } });
      expect(response.errors).toBeUndefined();
      expect(response.data!['searchResidents']).toEqual([]);
    }
    // Every hit of a one-character search lies in the caller's grid.
    const wide = await stack.query(SEARCH, { token: gridWorker, variables: { text: target.name.slice(0, 1) } });
    const ids = new Set(mine.map((row) => row.id));
    for (const row of wide.data!['searchResidents']) expect(ids.has(row.id)).toBe(true);
  });

  it('is refused to officers, who have no area, and is not in the anonymous schema', async () => {
    const officer = await stack.token({ role: 'department_officer', sub: 'o-1', department: 'CITY_MANAGEMENT' });
    const response = await stack.query(SEARCH, { token: officer, variables: { text: '王' } });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const anonymous = await stack.query(SEARCH, { variables: { text: '王' } });
    expect(anonymous.data?.['searchResidents'] ?? null).toBeNull();
  });
});

describe('residents filter', () => {
  it('refuses a care-flag filter to a grid worker without a declared purpose, even in their grid', async () => {
    const response = await stack.query(LIST, { token: gridWorker, variables: { regionId: GRID, filter: { livesAlone: true } } });
    expect(response.data?.['residents'] ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_ARGUMENT', argument: 'filter.livesAlone' });
  });

  it('refuses it with a purpose outside the grid: no listing there at all', async () => {
    const token = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID], purpose: 'care-visit' });
    const response = await stack.query(LIST, { token, variables: { regionId: GRID_2, filter: { lowIncome: true } } });
    expect(response.data?.['residents'] ?? null).toBeNull();
    // The care flag is refused first (no visit grants a whole listing), before the region is looked at.
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_ARGUMENT', argument: 'filter.lowIncome' });
    const gender = await stack.query(LIST, { token: gridWorker, variables: { regionId: GRID_2, filter: { gender: 'FEMALE' } } });
    expect(gender.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'regionId' });
  });

  it('refuses a care-flag filter to a grid worker whose purpose is not backed by visits to everyone listed', async () => {
    // A care-visit purpose is a grant per household with a visit, never for the whole grid.
    const token = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID], purpose: 'care-visit' });
    const refused = await stack.query(LIST, { token, variables: { regionId: GRID, first: 100, filter: { livesAlone: true } } });
    expect(refused.data?.['residents'] ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_ARGUMENT', argument: 'filter.livesAlone' });
  });
});

describe('places', () => {
  it('pages a district’s residents grid by grid without repeats', async () => {
    const token = await stack.token({ role: 'community_staff', sub: 'cs-d', regions: ['r-210103'] });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const response: any = await stack.query(LIST, { token, variables: { regionId: 'r-210103', first: 70, after } });
      expect(response.errors).toBeUndefined();
      seen.push(...response.data.residents.edges.map((edge: any) => edge.node.id));
      after = response.data.residents.pageInfo.hasNextPage ? response.data.residents.pageInfo.endCursor : null;
    } while (after);
    const district = await stats('r-210103', token);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(district.stats.population.value);
  });

  it('shows a household’s members to the members and the grid’s staff, not to others', async () => {
    const query = '{ household(id: "h-0000001") { id unit room building { id households { id } } members { id } } }';
    const resident = await stack.query(query, { token: await stack.token({ role: 'resident', sub: 'p-0000001', home: HOME }) });
    expect(resident.errors).toBeUndefined();
    expect(resident.data!['household'].members.map((member: { id: string }) => member.id)).toContain('p-0000001');
    expect(resident.data!['household'].building.households.map((household: { id: string }) => household.id)).toContain('h-0000001');
    const staff = await stack.query(query, { token: gridWorker });
    expect(staff.data!['household'].members.length).toBe(resident.data!['household'].members.length);
    const stranger = await stack.query(query, { token: await stack.token({ role: 'resident', sub: 'p-0000700', home: HOME }) });
    expect(stranger.data!['household'].members).toBeNull();
    expect(stranger.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN_FIELD');
  });
});
