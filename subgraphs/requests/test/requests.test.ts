import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, type GraphQLResponse, type RunningStack } from '@liangling/stack';

// The requests department through the gateway's HTTP path: lifecycle by the right roles, refusals that
// change nothing, idempotency, the escalation sweep under a test clock, joint resolution, the partner's
// view and the small-cell suppression of statistics.

const GRID = 'r-210103-1-1-1';
const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', GRID];
const HOUR = 3_600_000;

let now = new Date(Math.floor(Date.now() / 1000) * 1000);
let stack: RunningStack;
let keySeq = 0;

beforeAll(async () => {
  stack = await startTestStack({ clock: () => now });
});
afterAll(async () => {
  await stack?.stop();
});

const resident = (sub = 'p-0000001') => stack.token({ role: 'resident', sub, home: HOME });
const gridWorker = () => stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
const otherGridWorker = () => stack.token({ role: 'grid_worker', sub: 'gw-9', regions: ['r-210102-1-1-1'] });
const cityOfficer = () => stack.token({ role: 'department_officer', sub: 'o-1', department: 'CITY_MANAGEMENT' });
const enforcementOfficer = () => stack.token({ role: 'department_officer', sub: 'o-2', department: 'ENFORCEMENT' });
const partner = (organisation: string) => stack.token({ role: 'partner', sub: `k-${organisation}`, organisation });
const service = () => stack.token({ role: 'service', sub: 'escalation-sweep', scopes: ['jobs:run'] });

const FIELDS =
  'id status tier slaDueAt category assignee { id } building { id } household { id } rating feedback timeline { action fromStatus toStatus fromTier toTier actorRole actorId note at }';

async function submit(category = 'WATER', extra: Record<string, unknown> = {}, sub = 'p-0000001') {
  const input = { category, description: '厨房水管漏水', contactPhone: '13800138000', clientKey: `k-${(keySeq += 1)}`, ...extra };
  const response = await stack.query(`mutation($input: SubmitRepairRequestInput!) { submitRepairRequest(input: $input) { ${FIELDS} } }`, {
    token: await resident(sub),
    variables: { input },
  });
  expect(response.errors).toBeUndefined();
  return response.data!['submitRepairRequest'];
}

async function act(mutation: string, token: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
  const args = Object.keys(variables)
    .map((name) => `${name}: $${name}`)
    .join(', ');
  const types: Record<string, string> = {
    id: 'ID!',
    note: 'String',
    organisationId: 'ID',
    rating: 'Int!',
    feedback: 'String',
    requestId: 'ID!',
    departments: '[String!]!',
  };
  const params = Object.keys(variables)
    .map((name) => `$${name}: ${types[name]}`)
    .join(', ');
  return stack.query(`mutation(${params}) { ${mutation}(${args}) { ${FIELDS} jointTasks { id department status } } }`, {
    token,
    variables,
  });
}

/** The move succeeded; personal fields of the selection the caller may not see are the only errors allowed. */
async function ok(mutation: string, token: string, variables: Record<string, unknown>) {
  const response = await act(mutation, token, variables);
  expect((response.errors ?? []).filter((error) => error.extensions?.['code'] !== 'FORBIDDEN_FIELD')).toEqual([]);
  expect(response.data![mutation]).not.toBeNull();
  return response.data![mutation];
}

/** As the city management officer sees it: everything but what is about no one. */
async function readBack(id: string) {
  const response = await stack.query(`query($id: ID!) { repairRequest(id: $id) { ${FIELDS} } }`, {
    token: await cityOfficer(),
    variables: { id },
  });
  expect(response.errors).toBeUndefined();
  return response.data!['repairRequest'];
}

async function sweep() {
  const response = await stack.query('mutation { runEscalationSweep { count escalated ranAt } }', { token: await service() });
  expect(response.errors).toBeUndefined();
  return response.data!['runEscalationSweep'] as { count: number; escalated: string[]; ranAt: string };
}

describe('the lifecycle', () => {
  it('runs SUBMITTED → ACCEPTED → DISPATCHED → IN_PROGRESS → RESOLVED → CLOSED by the right roles, each step on the timeline', async () => {
    const me = await stack.query('{ me { household { id building { id } } } }', { token: await resident() });
    const household = me.data!['me'].household;
    const created = await submit('WATER', { householdId: household.id });
    expect(created).toMatchObject({
      status: 'SUBMITTED',
      tier: 'COMMUNITY',
      household: { id: household.id },
      building: { id: household.building.id },
      assignee: null,
    });
    expect(Date.parse(created.slaDueAt) - now.getTime()).toBe(24 * HOUR);

    const building = await stack.query(`query($id: ID!) { building(id: $id) { openRequests { id } } }`, {
      token: await gridWorker(),
      variables: { id: household.building.id },
    });
    expect(building.data!['building'].openRequests.map((request: any) => request.id)).toContain(created.id);

    await ok('acceptRepairRequest', await gridWorker(), { id: created.id, note: '已联系居民' });
    const dispatched = await ok('dispatchRepairRequest', await gridWorker(), { id: created.id });
    expect(dispatched).toMatchObject({ status: 'DISPATCHED', assignee: { id: 'org-water' } });
    await ok('progressRepairRequest', await partner('org-water'), { id: created.id, note: '师傅已出发' });
    await ok('resolveRepairRequest', await partner('org-water'), { id: created.id, note: '更换阀门' });
    await ok('confirmRepairRequest', await resident(), { id: created.id });
    const rated = await ok('rateRepairRequest', await resident(), { id: created.id, rating: 5, feedback: '很快就修好了' });
    expect(rated).toMatchObject({ status: 'CLOSED', rating: 5, feedback: '很快就修好了' });

    const final = await readBack(created.id);
    expect(final.timeline.map((entry: any) => [entry.action, entry.toStatus, entry.actorRole])).toEqual([
      ['SUBMIT', 'SUBMITTED', 'resident'],
      ['ACCEPT', 'ACCEPTED', 'grid_worker'],
      ['DISPATCH', 'DISPATCHED', 'grid_worker'],
      ['PROGRESS', 'IN_PROGRESS', 'partner'],
      ['RESOLVE', 'RESOLVED', 'partner'],
      ['CLOSE', 'CLOSED', 'resident'],
      ['RATE', 'CLOSED', 'resident'],
    ]);
    expect(final.timeline[1]).toMatchObject({ actorId: 'gw-1', note: '已联系居民', fromStatus: 'SUBMITTED' });
    const after = await stack.query(`query($id: ID!) { building(id: $id) { openRequests { id } } }`, {
      token: await gridWorker(),
      variables: { id: household.building.id },
    });
    expect(after.data!['building'].openRequests.map((request: any) => request.id)).not.toContain(created.id);
  });

  it('refuses a household that is not at the resident’s home, and writes nothing', async () => {
    const cityStaff = await stack.token({ role: 'community_staff', sub: 'cs-city', regions: ['r-2101'] });
    const other = await stack.query('{ resident(id: "p-0000700") { household { id } } }', { token: cityStaff });
    const householdId = other.data!['resident'].household.id;
    const count = async () =>
      (await stack.query('{ me { repairRequests { id } } }', { token: await resident() })).data!['me'].repairRequests.length;
    const before = await count();
    const input = { category: 'WATER', description: '漏水', contactPhone: '13800138000', clientKey: 'elsewhere-1', householdId };
    const response = await stack.query('mutation($input: SubmitRepairRequestInput!) { submitRepairRequest(input: $input) { id } }', {
      token: await resident(),
      variables: { input },
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'householdId' });
    expect(await count()).toBe(before);
  });
});

describe('illegal transitions', () => {
  async function refused(mutation: string, token: string, variables: Record<string, unknown>, code: string) {
    const before = await readBack(variables['id'] as string);
    const response = await act(mutation, token, variables);
    expect({ mutation, code: response.errors?.[0]?.extensions?.['code'] }).toEqual({ mutation, code });
    expect(response.data?.[mutation] ?? null).toBeNull();
    const after = await readBack(variables['id'] as string);
    expect(after).toEqual(before);
  }

  it('are refused with CONFLICT or FORBIDDEN and change nothing', async () => {
    const { id } = await submit('WATER');
    await refused('resolveRepairRequest', await partner('org-water'), { id }, 'FORBIDDEN'); // not dispatched to it (yet)
    await refused('dispatchRepairRequest', await gridWorker(), { id }, 'CONFLICT'); // never accepted
    await refused('acceptRepairRequest', await resident(), { id }, 'FORBIDDEN');
    await refused('acceptRepairRequest', await otherGridWorker(), { id }, 'FORBIDDEN');
    await refused('acceptRepairRequest', await cityOfficer(), { id }, 'FORBIDDEN'); // the community tier is not the city's
    await refused('confirmRepairRequest', await resident(), { id }, 'CONFLICT');
    await refused('rateRepairRequest', await resident(), { id, rating: 4 }, 'CONFLICT');
    await refused('rateRepairRequest', await resident('p-0000002'), { id, rating: 1 }, 'FORBIDDEN'); // someone else's request

    await ok('acceptRepairRequest', await gridWorker(), { id });
    await refused('acceptRepairRequest', await gridWorker(), { id }, 'CONFLICT');
    await ok('dispatchRepairRequest', await gridWorker(), { id, organisationId: 'org-water' });
    await refused('resolveRepairRequest', await partner('org-water'), { id }, 'CONFLICT'); // never started
    await refused('progressRepairRequest', await partner('org-gas'), { id }, 'FORBIDDEN');
    await ok('progressRepairRequest', await partner('org-water'), { id });
    await ok('resolveRepairRequest', await partner('org-water'), { id });
    await ok('rateRepairRequest', await resident(), { id, rating: 2 });
    await refused('rateRepairRequest', await resident(), { id, rating: 5 }, 'CONFLICT'); // rated once
    await refused('rateRepairRequest', await resident(), { id, rating: 9 }, 'BAD_USER_INPUT');
  });

  it('lets only one of two concurrent moves win', async () => {
    const { id } = await submit('POWER');
    const token = await gridWorker();
    const results = await Promise.all([
      act('acceptRepairRequest', token, { id }),
      act('acceptRepairRequest', token, { id }),
      act('acceptRepairRequest', token, { id }),
    ]);
    expect(results.filter((result) => !result.errors).length).toBe(1);
    expect(results.filter((result) => result.errors?.[0]?.extensions?.['code'] === 'CONFLICT').length).toBe(2);
    const final = await readBack(id);
    expect(final.timeline.filter((entry: any) => entry.action === 'ACCEPT')).toHaveLength(1);
  });
});

describe('submission', () => {
  it('is idempotent by client key, even for concurrent retries: one request, one timeline entry', async () => {
    const input = { category: 'GAS', description: '闻到燃气味', contactPhone: '13800138000', clientKey: 'retry-same-key' };
    const post = async () =>
      stack.query('mutation($input: SubmitRepairRequestInput!) { submitRepairRequest(input: $input) { id } }', {
        token: await resident(),
        variables: { input },
      });
    const results = await Promise.all([post(), post(), post()]);
    const ids = new Set(results.map((result) => result.data!['submitRepairRequest'].id));
    expect(ids.size).toBe(1);
    const again = await post();
    expect(again.data!['submitRepairRequest'].id).toBe([...ids][0]);
    const read = await readBack([...ids][0] as string);
    expect(read.timeline.map((entry: any) => entry.action)).toEqual(['SUBMIT']);
  });
});

describe('the escalation sweep', () => {
  it('moves a request past its SLA one tier up, once per clock, with a timeline entry; only internal jobs run it', async () => {
    const { id } = await submit('WATER');
    expect((await sweep()).escalated).not.toContain(id);
    now = new Date(now.getTime() + 25 * HOUR);
    const first = await sweep();
    const second = await sweep();
    expect(first.escalated).toContain(id);
    expect(second.escalated).not.toContain(id);
    const read = await readBack(id);
    expect(read).toMatchObject({ status: 'ESCALATED', tier: 'STREET' });
    expect(Date.parse(read.slaDueAt)).toBe(now.getTime() + 24 * HOUR);
    const escalations = read.timeline.filter((entry: any) => entry.action === 'ESCALATE');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ fromTier: 'COMMUNITY', toTier: 'STREET', actorRole: 'service' });

    const denied = await stack.query('mutation { runEscalationSweep { count } }', { token: await gridWorker() });
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    // At the street tier the city management officers act, no longer the grid worker.
    expect((await act('acceptRepairRequest', await gridWorker(), { id })).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    await ok('acceptRepairRequest', await cityOfficer(), { id });
    // And the next SLA runs out: up again, to the district.
    now = new Date(now.getTime() + 25 * HOUR);
    expect((await sweep()).escalated).toContain(id);
    expect(await readBack(id)).toMatchObject({ tier: 'DISTRICT', status: 'ESCALATED' });
  });

  it('can be asked for early by the area’s staff', async () => {
    const { id } = await submit('ROAD');
    const escalated = await ok('escalateRepairRequest', await gridWorker(), { id, note: '需要街道协调' });
    expect(escalated).toMatchObject({ status: 'ESCALATED', tier: 'STREET' });
  });
});

describe('joint resolution', () => {
  it('gives each department its task; the request resolves when the last is done', async () => {
    const { id } = await submit('PROPERTY');
    await ok('acceptRepairRequest', await gridWorker(), { id });
    const opened = await ok('openJointResolution', await gridWorker(), { requestId: id, departments: ['CITY_MANAGEMENT', 'ENFORCEMENT'] });
    expect(opened.status).toBe('IN_PROGRESS');
    const tasks = Object.fromEntries(opened.jointTasks.map((task: any) => [task.department, task]));
    expect(Object.keys(tasks).sort()).toEqual(['CITY_MANAGEMENT', 'ENFORCEMENT']);
    expect(opened.jointTasks.every((task: any) => task.status === 'OPEN')).toBe(true);

    const complete = (taskId: string, token: string) =>
      stack.query('mutation($id: ID!) { completeJointTask(id: $id) { status jointTasks { department status } } }', {
        token,
        variables: { id: taskId },
      });
    expect((await complete(tasks['ENFORCEMENT'].id, await cityOfficer())).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const half = await complete(tasks['ENFORCEMENT'].id, await enforcementOfficer());
    expect(half.errors).toBeUndefined();
    expect(half.data!['completeJointTask'].status).toBe('IN_PROGRESS');
    expect((await complete(tasks['ENFORCEMENT'].id, await enforcementOfficer())).errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    const done = await complete(tasks['CITY_MANAGEMENT'].id, await cityOfficer());
    expect(done.data!['completeJointTask'].status).toBe('RESOLVED');
    const read = await readBack(id);
    expect(read.timeline.map((entry: any) => entry.action)).toEqual([
      'SUBMIT',
      'ACCEPT',
      'OPEN_JOINT',
      'JOINT_TASK_DONE',
      'JOINT_TASK_DONE',
      'JOINT_RESOLVED',
    ]);

    const performance = await stack.query(
      '{ departments { code requestPerformance { handled medianResponseHours onTimeRate satisfaction } } }',
      { token: await cityOfficer() },
    );
    expect(performance.errors).toBeUndefined();
    const byCode = Object.fromEntries(
      performance.data!['departments'].map((department: any) => [department.code, department.requestPerformance]),
    );
    expect(byCode['ENFORCEMENT'].handled).toBeGreaterThanOrEqual(1);
    expect(byCode['CITY_MANAGEMENT'].handled).toBeGreaterThan(10);
    expect(byCode['CITY_MANAGEMENT'].satisfaction).toBeGreaterThanOrEqual(1);
  });

  it('refuses a lone department and a resident', async () => {
    const { id } = await submit('PROPERTY');
    await ok('acceptRepairRequest', await gridWorker(), { id });
    expect(
      (await act('openJointResolution', await gridWorker(), { requestId: id, departments: ['ENFORCEMENT'] })).errors?.[0]?.extensions?.[
        'code'
      ],
    ).toBe('BAD_USER_INPUT');
    expect(
      (await act('openJointResolution', await resident(), { requestId: id, departments: ['ENFORCEMENT', 'CITY_MANAGEMENT'] })).errors?.[0]
        ?.extensions?.['code'],
    ).toBe('FORBIDDEN');
    expect((await readBack(id)).status).toBe('ACCEPTED');
  });
});

describe('a partner organisation', () => {
  it('sees only the requests dispatched to it, with the contact phone and nothing else personal', async () => {
    const water = await submit('WATER');
    const gas = await submit('GAS');
    for (const { id } of [water, gas]) {
      await ok('acceptRepairRequest', await gridWorker(), { id });
      await ok('dispatchRepairRequest', await gridWorker(), { id });
    }
    const token = await partner('org-water');
    const list = await stack.query(
      '{ organisation(id: "org-water") { assignedRequests(first: 500) { edges { node { id category contactPhone building { id } } } } } }',
      { token },
    );
    expect(list.errors).toBeUndefined();
    const nodes = list.data!['organisation'].assignedRequests.edges.map((edge: any) => edge.node);
    expect(nodes.map((node: any) => node.id)).toContain(water.id);
    expect(nodes.map((node: any) => node.id)).not.toContain(gas.id);
    expect(nodes.find((node: any) => node.id === water.id)).toMatchObject({ contactPhone: '13800138000', building: null });
    for (const node of nodes) expect(node.contactPhone).toMatch(/^1[3-9]\d{9}$/);

    const personal = await stack.query(
      `query($id: ID!) { repairRequest(id: $id) { id contactPhone description feedback household { id } submittedBy { name phone } } }`,
      { token, variables: { id: water.id } },
    );
    const request = personal.data!['repairRequest'];
    expect(request).toMatchObject({ id: water.id, contactPhone: '13800138000', description: null, feedback: null, household: null });
    // Who filed it is not the partner's to know: not even the submitter's id.
    expect(request.submittedBy).toBeNull();
    expect(personal.errors!.map((error) => error.extensions?.['code'])).toEqual(expect.arrayContaining(['FORBIDDEN_FIELD']));
    expect(JSON.stringify(personal.data)).not.toMatch(/厨房水管漏水/);

    const other = await stack.query(`query($id: ID!) { repairRequest(id: $id) { id contactPhone } }`, { token, variables: { id: gas.id } });
    expect(other.data!['repairRequest']).toBeNull();
    const elsewhere = await stack.query('{ organisation(id: "org-gas") { assignedRequests { edges { node { id } } } } }', { token });
    expect(elsewhere.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

describe('request statistics of a region', () => {
  const STATS = `query($id: ID!) { region(id: $id) { requestStats { total totalSuppressed suppressed byStatus { status count suppressed } byCategory { category count suppressed } medianHoursToResolve averageRating } } }`;

  it('suppress small counts for anonymous callers and show them to the region’s staff', async () => {
    const anonymous = await stack.query(STATS, { variables: { id: GRID } });
    expect(anonymous.errors).toBeUndefined();
    const open = anonymous.data!['region'].requestStats;
    expect(open.suppressed).toBe(true);
    for (const cell of [...open.byStatus, ...open.byCategory]) {
      if (cell.suppressed) expect(cell.count).toBeNull();
      else expect(cell.count === 0 || (cell.count >= 5 && cell.count % 5 === 0)).toBe(true);
    }
    expect(open.total % 5).toBe(0);
    expect([...open.byStatus, ...open.byCategory].some((cell: any) => cell.suppressed)).toBe(true);

    const staff = await stack.query(STATS, { token: await gridWorker(), variables: { id: GRID } });
    const full = staff.data!['region'].requestStats;
    expect(full.suppressed).toBe(false);
    expect(full.byStatus.reduce((sum: number, cell: any) => sum + cell.count, 0)).toBe(full.total);
    expect(full.total).toBeGreaterThan(5);
    // The exact counts the public does not get are 1 to 4, and the total minus the other cells does not give one back.
    open.byStatus.forEach((cell: any, n: number) => {
      const truth = full.byStatus[n].count;
      // Withheld or not is decided on the noisy value (docs/statistics.md): a withheld cell is not given back by the total minus the others.
      if (cell.suppressed && truth > 0 && open.total !== null) {
        const others = open.byStatus.reduce((sum: number, other: any, m: number) => (m === n ? sum : sum + (other.count ?? 0)), 0);
        expect(open.total - others).not.toBe(truth);
      }
      if (truth >= 15) expect(cell.suppressed).toBe(false);
    });
    // Asking again gives the same answers: nothing to average away.
    expect((await stack.query(STATS, { variables: { id: GRID } })).data!['region'].requestStats).toEqual(open);

    const outsider = await stack.query(STATS, { token: await otherGridWorker(), variables: { id: GRID } });
    expect(outsider.data!['region'].requestStats.suppressed).toBe(true);

    const city = await stack.query(STATS, { variables: { id: 'r-2101' } });
    expect(city.data!['region'].requestStats.total).toBeGreaterThan(50);
    expect(city.data!['region'].requestStats.averageRating).toBeGreaterThanOrEqual(1);
  });
});

describe('seeded requests', () => {
  it('carry tiers, assignees, timelines and ratings', async () => {
    const response = await stack.query(
      `{ residents(regionId: "r-210103", first: 60) { edges { node { repairRequests(first: 3) { status tier assignee { id } rating timeline { action } } } } } }`,
      {
        token: await stack.token({ role: 'community_staff', sub: 'cs-1', regions: ['r-210103'] }),
      },
    );
    expect(response.errors).toBeUndefined();
    const requests = response.data!['residents'].edges.flatMap((edge: any) => edge.node.repairRequests);
    const closed = requests.filter((request: any) => request.status === 'CLOSED');
    expect(closed.length).toBeGreaterThan(0);
    for (const request of closed) {
      expect(request.assignee).not.toBeNull();
      expect(request.timeline[0].action).toBe('SUBMIT');
      expect(request.timeline.map((entry: any) => entry.action)).toContain('CLOSE');
    }
    expect(closed.some((request: any) => request.rating !== null)).toBe(true);
  });
});
