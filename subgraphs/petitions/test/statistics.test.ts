import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, type GraphQLResponse, type RunningStack } from '@liangling/stack';

// A small, known history in January and February 2026, read in March (both months have ended).
const G = 'r-210103-1-1-1';
const G2 = 'r-210103-1-1-2';
const COMMUNITY = 'r-210103-1-1';
const JANUARY = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' };
const FEBRUARY = { from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' };
const BOTH = { from: JANUARY.from, to: FEBRUARY.to };
let now = new Date('2026-01-05T08:00:00.000Z');
const at = (iso: string) => {
  now = new Date(iso);
};

const CELL = 'value suppressed';
const STATS = `query($id: ID!, $period: PeriodInput) { region(id: $id) { petitionStats(period: $period) {
  exact from to received { ${CELL} } accepted { ${CELL} } notAccepted { ${CELL} } replied { ${CELL} } closed { ${CELL} } overdue { ${CELL} }
  byChannel { channel count { ${CELL} } } byDepartment { department count { ${CELL} } } } } }`;
const PERFORMANCE = `query($period: PeriodInput) { departments { code petitionPerformance(period: $period) {
  exact from to received { ${CELL} } accepted { ${CELL} } deadlines { ${CELL} } onTime { ${CELL} } onTimeRate rated { ${CELL} } satisfaction } } }`;
const RECORD =
  'mutation($input: RecordPetitionInput!, $petitionerId: ID!) { recordPetition(input: $input, petitionerId: $petitionerId) { id } }';

interface Cell {
  value: number | null;
  suppressed: boolean;
}

let stack: RunningStack;
let office: string;
let targeted: string;
let otherOfficer: string;
let gridWorker: string;
let theComplaint: string;

beforeAll(async () => {
  stack = await startTestStack({ clock: () => now });
  office = await stack.token({ role: 'department_officer', sub: 'o-1', department: 'PETITIONS' });
  targeted = await stack.token({ role: 'department_officer', sub: 'o-2', department: 'CITY_MANAGEMENT' });
  otherOfficer = await stack.token({ role: 'department_officer', sub: 'o-3', department: 'ENFORCEMENT' });
  gridWorker = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [G] });

  let n = 0;
  const record = async (home: string, target: string, channel = 'VISIT'): Promise<{ id: string; petitioner: string }> => {
    n += 1;
    const petitioner = `p-${String(100 + n).padStart(7, '0')}`;
    const input = {
      channel,
      subject: '占道经营',
      content: '早市占道。',
      targetDepartment: target,
      clientKey: `s-${n}`,
      homeRegionId: home,
    };
    const response = await stack.query(RECORD, { token: office, variables: { input, petitionerId: petitioner } });
    expect(response.errors).toBeUndefined();
    return { id: response.data!['recordPetition'].id, petitioner };
  };
  const act = async (document: string, token: string, variables: Record<string, unknown>) => {
    const response = await stack.query(document, { token, variables });
    expect(response.errors).toBeUndefined();
  };
  // 5 January: one complaint about city management from grid G — the one the statistics must not place —
  // and seven from the neighbouring grid G2.
  at('2026-01-05T08:00:00.000Z');
  theComplaint = (await record(G, 'CITY_MANAGEMENT', 'LETTER')).id;
  const others = [];
  for (let i = 0; i < 7; i += 1) others.push(await record(G2, 'CITY_MANAGEMENT'));
  // Six accepted in time, two of them replied and closed with ratings 4 and 2; one accepted late; G's never decided.
  at('2026-01-08T08:00:00.000Z');
  for (const { id } of others.slice(0, 6)) await act('mutation($id: ID!) { decidePetition(id: $id, accept: true) { id } }', office, { id });
  at('2026-01-20T08:00:00.000Z');
  for (const { id } of others.slice(0, 2)) {
    await act('mutation($id: ID!) { startHandling(id: $id) { id } }', targeted, { id });
    await act('mutation($id: ID!) { replyToPetition(id: $id, reply: "已整改。") { id } }', targeted, { id });
  }
  at('2026-01-25T08:00:00.000Z');
  await act('mutation($id: ID!) { decidePetition(id: $id, accept: true) { id } }', office, { id: others[6]!.id });
  for (const [i, rating] of [4, 2].entries()) {
    const token = await stack.token({ role: 'resident', sub: others[i]!.petitioner, home: [] });
    await act('mutation($id: ID!, $s: Int!) { closePetition(id: $id, satisfaction: $s) { id } }', token, { id: others[i]!.id, s: rating });
  }
  // 10 February: six more from G2 about city management, five from G about enforcement.
  at('2026-02-10T08:00:00.000Z');
  for (let i = 0; i < 6; i += 1) await record(G2, 'CITY_MANAGEMENT');
  for (let i = 0; i < 5; i += 1) await record(G, 'ENFORCEMENT', 'HOTLINE_12345');
  at('2026-03-15T08:00:00.000Z');
});
afterAll(async () => {
  await stack?.stop();
});

async function stats(region: string, token: string | undefined, period: unknown): Promise<any> {
  const response: GraphQLResponse = await stack.query(STATS, { token, variables: { id: region, period } });
  expect(response.errors).toBeUndefined();
  return response.data!['region'].petitionStats;
}
const department = (s: any, code: string): Cell => s.byDepartment.find((entry: any) => entry.department === code).count;
/** A protected cell: withheld (null) or a multiple of 5, never a small exact count. */
function expectProtected(cell: Cell): void {
  expect(cell.suppressed).toBe(cell.value === null);
  if (cell.value !== null) expect(cell.value % 5 === 0 && cell.value >= 5).toBe(true);
}

describe('Region.petitionStats', () => {
  it('are exact for the petitions office, as things stood at the end of the period', async () => {
    const january = await stats(G, office, JANUARY);
    expect(january).toMatchObject({
      exact: true,
      from: JANUARY.from,
      to: JANUARY.to,
      received: { value: 1, suppressed: false },
      accepted: { value: 0 },
      overdue: { value: 1 },
    });
    expect(department(january, 'CITY_MANAGEMENT')).toEqual({ value: 1, suppressed: false });
    expect(january.byChannel.find((entry: any) => entry.channel === 'LETTER').count.value).toBe(1);
    const community = await stats(COMMUNITY, office, JANUARY);
    expect(community).toMatchObject({
      received: { value: 8 },
      accepted: { value: 7 },
      replied: { value: 2 },
      closed: { value: 2 },
      overdue: { value: 2 },
    });
    expect((await stats(COMMUNITY, office, BOTH)).received.value).toBe(19);
  });

  it('protect every count, zero included, from everyone else: the department complained about, other departments, the grid’s own staff, the public', async () => {
    for (const token of [targeted, otherOfficer, gridWorker, undefined]) {
      const january = await stats(G, token, JANUARY);
      expect(january.exact).toBe(false);
      // Withheld or not is decided on the noisy value (docs/statistics.md): a 1 (or a 0) shows only when
      // its draw lifts it to 5, and then as a 5 that many other counts give too.
      expectProtected(january.received);
      expectProtected(department(january, 'CITY_MANAGEMENT'));
      // "None from here" would tell the complained-about department as much as "one": it goes through the noise too.
      expectProtected(department(january, 'ENFORCEMENT'));
      for (const entry of january.byChannel) expectProtected(entry.count);
      expect(JSON.stringify(january)).not.toMatch(/"value":[1-4][,}]/);
    }
  });

  it('count whole ended months outside the office, however narrowly the period is cut around a known petition', async () => {
    const narrow = await stats(G, targeted, { from: '2026-01-05T07:59:00.000Z', to: '2026-01-05T08:01:00.000Z' });
    expect(narrow).toMatchObject({ from: JANUARY.from, to: JANUARY.to });
    expect(narrow).toEqual(await stats(G, targeted, JANUARY));
    // The month still running is not counted yet.
    const current = await stats(COMMUNITY, targeted, { from: '2026-02-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
    expect(current.to).toBe(FEBRUARY.to);
    const bad = await stack.query(STATS, { token: targeted, variables: { id: G, period: { from: 'yesterday', to: FEBRUARY.to } } });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.from' });
  });

  it('do not give the suppressed complaint back to its department by differencing regions, cells or periods', async () => {
    const truth = 1; // G's complaints about city management in January, and G's petitions in January.
    const ask = (region: string, period: unknown) => stats(region, targeted, period);
    const shown = (cell: Cell) => cell.value ?? 0;
    const recovered: number[] = [];
    // A parent minus its other children.
    const community = await ask(COMMUNITY, JANUARY);
    const g2 = await ask(G2, JANUARY);
    recovered.push(shown(community.received) - shown(g2.received));
    recovered.push(shown(department(community, 'CITY_MANAGEMENT')) - shown(department(g2, 'CITY_MANAGEMENT')));
    // Two periods: January and February together, minus February alone.
    const both = await ask(G, BOTH);
    const february = await ask(G, FEBRUARY);
    recovered.push(shown(both.received) - shown(february.received));
    // A total minus its other cells: all of G's petitions in both months, minus those about enforcement.
    recovered.push(shown(both.received) - shown(department(both, 'ENFORCEMENT')));
    recovered.push(
      shown(both.received) -
        both.byChannel.filter((entry: any) => entry.channel !== 'LETTER').reduce((sum: number, entry: any) => sum + shown(entry.count), 0),
    );
    // And a period cut the other way: the community's two months minus G2's two months minus G's February.
    const communityBoth = await ask(COMMUNITY, BOTH);
    recovered.push(shown(communityBoth.received) - shown((await ask(G2, BOTH)).received) - shown(february.received));
    for (const value of recovered) expect(value).not.toBe(truth);
    // Asking again gives the same answers: nothing to average away.
    expect(await ask(G, BOTH)).toEqual(both);
    expect(await ask(COMMUNITY, JANUARY)).toEqual(community);
  });
});

describe('Department.petitionPerformance', () => {
  async function performance(token: string, period: unknown): Promise<Record<string, any>> {
    const response = await stack.query(PERFORMANCE, { token, variables: { period } });
    expect(response.errors).toBeUndefined();
    return Object.fromEntries(response.data!['departments'].map((entry: any) => [entry.code, entry.petitionPerformance]));
  }

  it('are exact for the petitions office: deadlines met against the statutory clocks, and the mean closing rating', async () => {
    const figures = (await performance(office, JANUARY))['CITY_MANAGEMENT'];
    // 8 decisions due (6 in time, 1 late, 1 never made) and 2 replies made in time.
    expect(figures).toMatchObject({
      exact: true,
      received: { value: 8 },
      accepted: { value: 7 },
      deadlines: { value: 10 },
      onTime: { value: 8 },
      onTimeRate: 0.8,
      rated: { value: 2 },
      satisfaction: 3,
    });
  });

  it('are protected for the department itself and other staff, and refused to the public', async () => {
    for (const token of [targeted, gridWorker]) {
      const figures = (await performance(token, JANUARY))['CITY_MANAGEMENT'];
      expect(figures.exact).toBe(false);
      expectProtected(figures.rated);
      // Two ratings would give each other away through a mean: none is shown while their count is withheld.
      if (figures.rated.suppressed) expect(figures.satisfaction).toBeNull();
      for (const cell of [figures.received, figures.accepted, figures.deadlines, figures.onTime]) expectProtected(cell);
    }
    const anonymous = await stack.query(PERFORMANCE, { variables: { period: JANUARY } });
    expect(['GRAPHQL_VALIDATION_FAILED', 'FORBIDDEN_FIELD']).toContain(anonymous.errors?.[0]?.extensions?.['code']);
  });
});

describe('the petitioner, through the statistics', () => {
  it('is still not named to the department complained about', async () => {
    const response = await stack.query('query($id: ID!) { petition(id: $id) { id subject petitioner { id } } }', {
      token: targeted,
      variables: { id: theComplaint },
    });
    expect(response.data?.['petition']?.['petitioner'] ?? null).toBeNull();
    expect(JSON.stringify(response)).not.toContain('p-0000101');
  });
});
