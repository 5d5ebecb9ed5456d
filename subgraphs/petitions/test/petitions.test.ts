import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateCity } from '@liangling/kit';
import { CALLER_CONTEXT_HEADER, signCallerContext } from '@liangling/schema';
import { postGraphQL, startTestStack, type GraphQLResponse, type RunningStack } from '@liangling/stack';

const DAY_MS = 86_400_000;
const GRID = 'r-210103-1-1-1';
const COMMUNITY = 'r-210103-1-1';
const HOME = ['r-2101', 'r-210103', 'r-210103-1', COMMUNITY, GRID];
const PETITIONER = 'p-0000001';
const SEED_RESIDENTS = 800;
// The seeded city is the same on every machine, so the petitioner's name is known without asking.
const petitionerName = generateCity({ residents: SEED_RESIDENTS }).residents.find((resident) => resident.id === PETITIONER)!.name;

// The departments read this clock through context.now(); tests move it forward.
let now = new Date('2026-03-01T08:00:00.000Z');
const advance = (days: number) => {
  now = new Date(now.getTime() + days * DAY_MS);
};

const FIELDS = 'id status subject content targetDepartment dueAt overdue extensionDays reply repliedBy satisfaction reviewableUntil';
const SUBMIT = `mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) { ${FIELDS} receivedAt } }`;
const READ = `query($id: ID!) { petition(id: $id) { ${FIELDS} decidedAt } }`;
const DECIDE = `mutation($id: ID!, $accept: Boolean!, $reason: String) { decidePetition(id: $id, accept: $accept, reason: $reason) { ${FIELDS} } }`;
const START = `mutation($id: ID!) { startHandling(id: $id) { ${FIELDS} } }`;
const EXTEND = `mutation($id: ID!, $days: Int!, $reason: String!) { extendPetition(id: $id, days: $days, reason: $reason) { ${FIELDS} } }`;
const REPLY = `mutation($id: ID!, $reply: String!) { replyToPetition(id: $id, reply: $reply) { ${FIELDS} } }`;
const REVIEW = `mutation($id: ID!) { requestReview(id: $id) { ${FIELDS} } }`;
const CLOSE = `mutation($id: ID!, $satisfaction: Int!) { closePetition(id: $id, satisfaction: $satisfaction) { ${FIELDS} } }`;

let stack: RunningStack;
let petitioner: string;
let neighbour: string;
let office: string;
let targeted: string;
let otherOfficer: string;
let gridWorker: string;

beforeAll(async () => {
  stack = await startTestStack({ seedResidents: SEED_RESIDENTS, clock: () => now });
  petitioner = await stack.token({ role: 'resident', sub: PETITIONER, home: HOME });
  neighbour = await stack.token({ role: 'resident', sub: 'p-0000002', home: HOME });
  office = await stack.token({ role: 'department_officer', sub: 'o-1', department: 'PETITIONS' });
  targeted = await stack.token({ role: 'department_officer', sub: 'o-2', department: 'CITY_MANAGEMENT' });
  otherOfficer = await stack.token({ role: 'department_officer', sub: 'o-3', department: 'ENFORCEMENT' });
  gridWorker = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
});
afterAll(async () => {
  await stack?.stop();
});

let keys = 0;
async function submit(token = petitioner, input: Record<string, unknown> = {}): Promise<any> {
  keys += 1;
  const response = await stack.query(SUBMIT, {
    token,
    variables: {
      input: {
        subject: '小区门口占道经营',
        content: '早市占道经营，垃圾无人清理。',
        targetDepartment: 'CITY_MANAGEMENT',
        clientKey: `k-${keys}`,
        ...input,
      },
    },
  });
  expect(response.errors).toBeUndefined();
  return response.data!['submitPetition'];
}

async function act(document: string, token: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
  return stack.query(document, { token, variables });
}

/** The petition's data from a mutation, failing with its errors if there were any. */
function ok(response: GraphQLResponse, field: string): any {
  expect(response.errors).toBeUndefined();
  return response.data![field];
}

function codeOf(response: GraphQLResponse): unknown {
  return response.errors?.[0]?.extensions?.['code'];
}

async function read(id: string, token = office): Promise<any> {
  return ok(await stack.query(READ, { token, variables: { id } }), 'petition');
}

describe('the petition lifecycle', () => {
  it('runs from receipt to a rated close, refusing every illegal step with nothing changed', async () => {
    const input = { subject: '路灯长期不亮', content: '楼前路灯已坏两个月。', clientKey: 'k-lifecycle' };
    const petition = await submit(petitioner, input);
    const again = await submit(petitioner, input);
    expect(again.id).toBe(petition.id);
    expect(petition).toMatchObject({ status: 'RECEIVED', overdue: false, targetDepartment: 'CITY_MANAGEMENT' });
    expect(Date.parse(petition.dueAt) - Date.parse(petition.receivedAt)).toBe(15 * DAY_MS);
    const id = petition.id;

    // Illegal from RECEIVED: handling, replying, review, closing.
    for (const [document, token, variables] of [
      [START, office, { id }],
      [REPLY, targeted, { id, reply: '已处理' }],
      [REVIEW, petitioner, { id }],
      [CLOSE, petitioner, { id, satisfaction: 5 }],
    ] as const) {
      const refused = await act(document, token, variables);
      expect(codeOf(refused)).toBe('CONFLICT');
    }
    expect((await read(id)).status).toBe('RECEIVED');

    const accepted = ok(await act(DECIDE, office, { id, accept: true, reason: '属于本机关职责范围' }), 'decidePetition');
    expect(accepted.status).toBe('ACCEPTED');
    const decidedAt = (await read(id)).decidedAt;
    expect(Date.parse(accepted.dueAt) - Date.parse(decidedAt)).toBe(60 * DAY_MS);

    advance(1);
    const decidedAgain = await act(DECIDE, office, { id, accept: false, reason: '改变主意' });
    expect(codeOf(decidedAgain)).toBe('CONFLICT');
    expect(await read(id)).toMatchObject({ status: 'ACCEPTED', decidedAt });

    expect(ok(await act(START, targeted, { id }), 'startHandling').status).toBe('HANDLING');
    expect(codeOf(await act(START, office, { id }))).toBe('CONFLICT');

    const replied = ok(await act(REPLY, targeted, { id, reply: '已更换路灯。' }), 'replyToPetition');
    expect(replied).toMatchObject({ status: 'REPLIED', reply: '已更换路灯。', repliedBy: 'CITY_MANAGEMENT', dueAt: null, overdue: false });
    expect(codeOf(await act(EXTEND, office, { id, days: 10, reason: '需要补充调查' }))).toBe('CONFLICT');
    expect(codeOf(await act(REPLY, office, { id, reply: '第二次答复' }))).toBe('CONFLICT');
    expect((await read(id)).reply).toBe('已更换路灯。');

    expect(ok(await act(REVIEW, petitioner, { id }), 'requestReview').status).toBe('REVIEW_REQUESTED');
    expect(codeOf(await act(REVIEW, petitioner, { id }))).toBe('CONFLICT');

    const badRating = await act(CLOSE, petitioner, { id, satisfaction: 6 });
    expect(codeOf(badRating)).toBe('BAD_USER_INPUT');
    expect(badRating.errors![0]!.extensions!['argument']).toBe('satisfaction');
    expect(ok(await act(CLOSE, petitioner, { id, satisfaction: 4 }), 'closePetition')).toMatchObject({ status: 'CLOSED', satisfaction: 4 });
    expect(codeOf(await act(CLOSE, petitioner, { id, satisfaction: 1 }))).toBe('CONFLICT');
    expect(await read(id)).toMatchObject({ status: 'CLOSED', satisfaction: 4 });
  });

  it('ends at NOT_ACCEPTED, with a reason required', async () => {
    const { id } = await submit();
    const noReason = await act(DECIDE, office, { id, accept: false });
    expect(codeOf(noReason)).toBe('BAD_USER_INPUT');
    expect(noReason.errors![0]!.extensions!['argument']).toBe('reason');
    expect(ok(await act(DECIDE, office, { id, accept: false, reason: '已进入诉讼程序' }), 'decidePetition').status).toBe('NOT_ACCEPTED');
    expect(codeOf(await act(START, office, { id }))).toBe('CONFLICT');
    expect(codeOf(await act(CLOSE, petitioner, { id, satisfaction: 3 }))).toBe('CONFLICT');
    expect((await read(id)).status).toBe('NOT_ACCEPTED');
  });

  it('lets each role do only its part', async () => {
    const { id } = await submit();
    expect(codeOf(await act(DECIDE, targeted, { id, accept: true }))).toBe('FORBIDDEN');
    expect(codeOf(await act(DECIDE, petitioner, { id, accept: true }))).toBe('FORBIDDEN');
    ok(await act(DECIDE, office, { id, accept: true }), 'decidePetition');
    expect(codeOf(await act(START, otherOfficer, { id }))).toBe('NOT_FOUND');
    expect(codeOf(await act(START, petitioner, { id }))).toBe('FORBIDDEN');
    expect(codeOf(await act(EXTEND, targeted, { id, days: 5, reason: '复杂' }))).toBe('FORBIDDEN');
    ok(await act(START, office, { id }), 'startHandling');
    ok(await act(REPLY, office, { id, reply: '已处理完毕。' }), 'replyToPetition');
    expect(codeOf(await act(REVIEW, office, { id }))).toBe('FORBIDDEN');
    expect(codeOf(await act(REVIEW, neighbour, { id }))).toBe('NOT_FOUND');
    expect(codeOf(await act(CLOSE, neighbour, { id, satisfaction: 1 }))).toBe('NOT_FOUND');
    expect((await read(id)).status).toBe('REPLIED');
  });

  it('refuses bad input naming the field', async () => {
    const response = await stack.query(SUBMIT, {
      token: petitioner,
      variables: { input: { subject: '  ', content: '内容', targetDepartment: 'CITY_MANAGEMENT', clientKey: 'k-bad' } },
    });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!['field']).toBe('subject');
    const badTarget = await stack.query(SUBMIT, {
      token: petitioner,
      variables: { input: { subject: '主题', content: '内容', targetDepartment: 'city management', clientKey: 'k-bad' } },
    });
    expect(badTarget.errors![0]!.extensions!['field']).toBe('targetDepartment');
    expect(
      codeOf(
        await stack.query(SUBMIT, {
          token: office,
          variables: { input: { subject: 'a', content: 'b', targetDepartment: 'X_Y', clientKey: 'k' } },
        }),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('the statutory clocks', () => {
  it('turns overdue after 15 days undecided, then runs 60 days from acceptance, extended once', async () => {
    const { id } = await submit();
    advance(15);
    expect((await read(id)).overdue).toBe(false);
    advance(1);
    expect((await read(id)).overdue).toBe(true);

    const accepted = ok(await act(DECIDE, office, { id, accept: true }), 'decidePetition');
    expect(accepted.overdue).toBe(false);
    expect(Date.parse(accepted.dueAt)).toBe(now.getTime() + 60 * DAY_MS);

    const tooLong = await act(EXTEND, office, { id, days: 31, reason: '情况复杂' });
    expect(codeOf(tooLong)).toBe('BAD_USER_INPUT');
    expect(tooLong.errors![0]!.extensions!['argument']).toBe('days');
    expect(codeOf(await act(EXTEND, office, { id, days: 10, reason: '  ' }))).toBe('BAD_USER_INPUT');

    advance(50);
    const extended = ok(await act(EXTEND, office, { id, days: 30, reason: '涉及多个部门，需联合调查' }), 'extendPetition');
    expect(extended.extensionDays).toBe(30);
    expect(Date.parse(extended.dueAt)).toBe(Date.parse(accepted.dueAt) + 30 * DAY_MS);

    const second = await act(EXTEND, office, { id, days: 5, reason: '再次延期' });
    expect(codeOf(second)).toBe('CONFLICT');
    expect(second.errors![0]!.message).toMatch(/once/);
    expect(await read(id)).toMatchObject({ extensionDays: 30, dueAt: extended.dueAt });

    advance(39);
    expect((await read(id)).overdue).toBe(false);
    advance(2);
    expect((await read(id)).overdue).toBe(true);
  });

  it('refuses to extend a deadline already missed', async () => {
    const { id } = await submit();
    ok(await act(DECIDE, office, { id, accept: true }), 'decidePetition');
    advance(61);
    const late = await act(EXTEND, office, { id, days: 10, reason: '补办延期' });
    expect(codeOf(late)).toBe('CONFLICT');
    expect((await read(id)).extensionDays).toBeNull();
  });

  it('takes a review request within 30 days of the reply, and not after', async () => {
    const first = await submit();
    const second = await submit();
    for (const { id } of [first, second]) {
      ok(await act(DECIDE, office, { id, accept: true }), 'decidePetition');
      ok(await act(START, office, { id }), 'startHandling');
      const replied = ok(await act(REPLY, targeted, { id, reply: '已答复。' }), 'replyToPetition');
      expect(Date.parse(replied.reviewableUntil)).toBe(now.getTime() + 30 * DAY_MS);
    }
    advance(30);
    expect(ok(await act(REVIEW, petitioner, { id: first.id }), 'requestReview').status).toBe('REVIEW_REQUESTED');
    advance(1);
    const late = await act(REVIEW, petitioner, { id: second.id });
    expect(codeOf(late)).toBe('CONFLICT');
    expect((await read(second.id)).status).toBe('REPLIED');
    // Closing and rating stays open after the review window.
    expect(ok(await act(CLOSE, petitioner, { id: second.id, satisfaction: 3 }), 'closePetition').status).toBe('CLOSED');
  });
});

describe('petitioner protection, as an officer of the department complained about', () => {
  let id: string;
  beforeAll(async () => {
    ({ id } = await submit(petitioner, { subject: '城管执法粗暴', content: '城管队员在早市执法时态度粗暴。' }));
  });

  /** Nothing in the response names the petitioner: not their id, not their name, masked or not. */
  function expectNoPetitioner(response: GraphQLResponse): void {
    const text = JSON.stringify(response);
    expect(text).not.toContain(PETITIONER);
    expect(text).not.toContain(petitionerName);
    expect(text).not.toContain(`${Array.from(petitionerName)[0]}**`);
  }

  it('reads the subject and content, never who filed it', async () => {
    const response = await stack.query('query($id: ID!) { petition(id: $id) { id subject content petitioner { id name } } }', {
      token: targeted,
      variables: { id },
    });
    expectNoPetitioner(response);
    // Either the field is not in an officer's contract at all, or it is denied at the source.
    expect(['GRAPHQL_VALIDATION_FAILED', 'FORBIDDEN_FIELD']).toContain(codeOf(response));
    expect(response.data?.['petition']?.['petitioner'] ?? null).toBeNull();

    const readable = await stack.query('query($id: ID!) { petition(id: $id) { id subject content } }', {
      token: targeted,
      variables: { id },
    });
    expect(readable.errors).toBeUndefined();
    expect(readable.data!['petition']).toEqual({ id, subject: '城管执法粗暴', content: '城管队员在早市执法时态度粗暴。' });
  });

  it('is denied the petitioner at the source too, should a query get past the gateway’s contract', async () => {
    const request = { query: 'query($id: ID!) { petition(id: $id) { content petitioner { id } } }', variables: { id } };
    const officer = signCallerContext(
      { role: 'department_officer', sub: 'o-2', department: 'CITY_MANAGEMENT', regions: [] },
      stack.keys.callerKey,
      { method: 'POST', body: JSON.stringify(request) },
    );
    const response = await postGraphQL<Record<string, any>>(stack.subgraphs['petitions']!, request, undefined, {
      [CALLER_CONTEXT_HEADER]: officer,
    });
    expect(response.data!['petition']).toEqual({ content: '城管队员在早市执法时态度粗暴。', petitioner: null });
    expect(response.errors!.map((error) => [error.extensions?.['code'], error.path?.join('.')])).toEqual([
      ['FORBIDDEN_FIELD', 'petition.petitioner'],
    ]);
    expectNoPetitioner(response);
  });

  it('cannot find it through Resident.petitions', async () => {
    const response = await stack.query(`{ resident(id: "${PETITIONER}") { id petitions { id content } } }`, { token: targeted });
    expect(response.data!['resident']).toEqual({ id: PETITIONER, petitions: null });
    // Decided like Petition.petitioner: no department but the petitions office could see any item.
    expect(response.errors!.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN_FIELD']);
    // The id is the officer's own guess; the error itself must not confirm anything about it.
    expectNoPetitioner({ status: response.status, errors: response.errors ?? [] });
    // The same refusal for a resident who never petitioned: refusing says nothing.
    const never = await stack.query('{ resident(id: "p-0000777") { petitions { id } } }', { token: targeted });
    expect(never.errors!.map((error) => error.message)).toEqual(response.errors!.map((error) => error.message));
  });

  it('lists its department’s petitions without a trace of the petitioner', async () => {
    const response = await stack.query('{ petitions(first: 100) { edges { node { id subject content targetDepartment status } } } }', {
      token: targeted,
    });
    expect(response.errors).toBeUndefined();
    const nodes = response.data!['petitions'].edges.map((edge: any) => edge.node);
    expect(nodes.map((node: any) => node.id)).toContain(id);
    for (const node of nodes) expect(node.targetDepartment).toBe('CITY_MANAGEMENT');
    expectNoPetitioner(response);
  });

  it('gets error messages that name nobody, whatever it tries', async () => {
    const attempts = [
      await act(DECIDE, targeted, { id, accept: true }),
      await act(EXTEND, targeted, { id, days: 5, reason: '复杂' }),
      await act(REVIEW, targeted, { id }),
      await act(CLOSE, targeted, { id, satisfaction: 1 }),
      await act(START, targeted, { id }),
      await act(REPLY, targeted, { id, reply: '答复' }),
      await act(SUBMIT, targeted, { input: { subject: 'a', content: 'b', targetDepartment: 'PETITIONS', clientKey: 'k' } }),
    ];
    for (const response of attempts) {
      expect(response.errors?.length).toBeGreaterThan(0);
      expectNoPetitioner(response);
    }
  });

  it('is not shown to other departments or to grid staff at all', async () => {
    for (const token of [otherOfficer, gridWorker, neighbour]) {
      const response = await stack.query('query($id: ID!) { petition(id: $id) { id content } }', { token, variables: { id } });
      expect(response.data?.['petition'] ?? null).toBeNull();
      expectNoPetitioner(response);
    }
    const anonymous = await stack.query('query($id: ID!) { petition(id: $id) { id } }', { variables: { id } });
    expect(anonymous.data?.['petition'] ?? null).toBeNull();
  });
});

describe('the petitioner and the petitions office', () => {
  it('the petitioner sees their petitions in full, themselves included', async () => {
    const { id } = await submit(petitioner, { subject: '楼顶违建', content: '顶楼住户搭建彩钢房。', targetDepartment: 'ENFORCEMENT' });
    const response = await stack.query('{ me { id petitions { id subject content targetDepartment dueAt petitioner { id name } } } }', {
      token: petitioner,
    });
    expect(response.errors).toBeUndefined();
    const mine = response.data!['me'].petitions.find((petition: any) => petition.id === id);
    expect(mine).toEqual({
      id,
      subject: '楼顶违建',
      content: '顶楼住户搭建彩钢房。',
      targetDepartment: 'ENFORCEMENT',
      dueAt: expect.any(String),
      petitioner: { id: PETITIONER, name: petitionerName },
    });
    for (const petition of response.data!['me'].petitions) expect(petition.petitioner.id).toBe(PETITIONER);
  });

  it('the petitions office knows who filed it and can list a resident’s petitions', async () => {
    const { id } = await submit();
    const response = await stack.query('query($id: ID!) { petition(id: $id) { content petitioner { id } } }', {
      token: office,
      variables: { id },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!['petition'].petitioner).toEqual({ id: PETITIONER });
    const listed = await stack.query(`{ resident(id: "${PETITIONER}") { petitions { id } } }`, { token: office });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!['resident'].petitions.map((petition: any) => petition.id)).toContain(id);
  });

  it('a neighbour cannot list another resident’s petitions, nor learn that the resident exists', async () => {
    const response = await stack.query(`{ resident(id: "${PETITIONER}") { petitions { id } } }`, { token: neighbour });
    expect(response.data!['resident']).toBeNull();
    const never = await stack.query('{ resident(id: "p-9999999") { petitions { id } } }', { token: neighbour });
    expect(response).toEqual(never);
  });
});

describe('opinions (民意)', () => {
  const POST = 'mutation($input: PostOpinionInput!) { postOpinion(input: $input) { id topic regionId supportCount supportedByMe } }';
  const SUPPORT = 'mutation($id: ID!) { supportOpinion(id: $id) { id supportCount supportedByMe } }';
  const LIST = `query($regionId: ID!, $orderBy: OpinionOrder, $first: Int, $after: String) {
    opinions(regionId: $regionId, orderBy: $orderBy, first: $first, after: $after) {
      edges { node { id topic content supportCount createdAt } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

  it('are posted about a region of the author’s home, and supported once per resident', async () => {
    const post = ok(
      await stack.query(POST, {
        token: petitioner,
        variables: { input: { topic: '增设充电桩', content: '建议在小区内增设电动车充电桩。', regionId: COMMUNITY } },
      }),
      'postOpinion',
    );
    expect(post).toMatchObject({ regionId: COMMUNITY, supportCount: 0, supportedByMe: false });

    const first = ok(await stack.query(SUPPORT, { token: neighbour, variables: { id: post.id } }), 'supportOpinion');
    expect(first).toMatchObject({ supportCount: 1, supportedByMe: true });
    // A second support is idempotent, and concurrent ones too: the unique key counts one.
    const retries = await Promise.all([1, 2, 3, 4].map(() => stack.query(SUPPORT, { token: neighbour, variables: { id: post.id } })));
    for (const retry of retries) expect(ok(retry, 'supportOpinion')).toMatchObject({ supportCount: 1, supportedByMe: true });

    const mine = ok(await stack.query(SUPPORT, { token: petitioner, variables: { id: post.id } }), 'supportOpinion');
    expect(mine.supportCount).toBe(2);

    const elsewhere = await stack.query(POST, {
      token: petitioner,
      variables: { input: { topic: '别处', content: '不是我家的区域', regionId: 'r-210102-1-1' } },
    });
    expect(codeOf(elsewhere)).toBe('BAD_USER_INPUT');
    expect(elsewhere.errors![0]!.extensions!['field']).toBe('regionId');
    expect(codeOf(await stack.query(SUPPORT, { token: neighbour, variables: { id: 'op-none' } }))).toBe('NOT_FOUND');
    expect(codeOf(await stack.query(SUPPORT, { token: office, variables: { id: post.id } }))).toBe('FORBIDDEN');
  });

  it('are listed publicly by support or recency, with pages that do not repeat', async () => {
    const bySupport = await stack.query(LIST, { variables: { regionId: 'r-210103', orderBy: 'SUPPORT', first: 100 } });
    expect(bySupport.errors).toBeUndefined();
    const counts = bySupport.data!['opinions'].edges.map((edge: any) => edge.node.supportCount);
    expect(counts.length).toBeGreaterThan(3);
    expect([...counts].sort((a: number, b: number) => b - a)).toEqual(counts);

    const recent = await stack.query(LIST, { variables: { regionId: 'r-210103', orderBy: 'RECENT', first: 100 } });
    const times = recent.data!['opinions'].edges.map((edge: any) => Date.parse(edge.node.createdAt));
    expect([...times].sort((a: number, b: number) => b - a)).toEqual(times);

    for (const orderBy of ['SUPPORT', 'RECENT']) {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: GraphQLResponse = await stack.query(LIST, { variables: { regionId: 'r-210103', orderBy, first: 2, after } });
        expect(page.errors).toBeUndefined();
        seen.push(...page.data!['opinions'].edges.map((edge: any) => edge.node.id));
        after = page.data!['opinions'].pageInfo.hasNextPage ? page.data!['opinions'].pageInfo.endCursor : null;
      } while (after);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(counts.length);
    }

    const other = await stack.query(LIST, { variables: { regionId: 'r-210102', first: 100 } });
    const ours = new Set(bySupport.data!['opinions'].edges.map((edge: any) => edge.node.id));
    for (const edge of other.data!['opinions'].edges) expect(ours.has(edge.node.id)).toBe(false);
    expect(codeOf(await stack.query(LIST, { variables: { regionId: 'r-210103', after: 'not-a-cursor' } }))).toBe('BAD_USER_INPUT');
  });

  it('show their content to anyone and their author only as the privacy model allows', async () => {
    const post = ok(
      await stack.query(POST, {
        token: petitioner,
        variables: { input: { topic: '老年食堂', content: '建议开设老年助餐点。', regionId: GRID } },
      }),
      'postOpinion',
    );
    const query = 'query($id: ID!) { opinion(id: $id) { content author { id } } }';
    const anonymous = await stack.query('query($id: ID!) { opinion(id: $id) { content } }', { variables: { id: post.id } });
    expect(anonymous.data!['opinion'].content).toBe('建议开设老年助餐点。');
    // The public contract has no `author`; a neighbour's schema has it, and the source denies it.
    expect(codeOf(await stack.query(query, { variables: { id: post.id } }))).toBe('GRAPHQL_VALIDATION_FAILED');
    const other = await stack.query(query, { token: neighbour, variables: { id: post.id } });
    expect(other.data!['opinion']).toEqual({ content: '建议开设老年助餐点。', author: null });
    expect(codeOf(other)).toBe('FORBIDDEN_FIELD');
    expect(JSON.stringify(other)).not.toContain(PETITIONER);
    const staff = await stack.query(query, { token: gridWorker, variables: { id: post.id } });
    expect(staff.data!['opinion'].author).toEqual({ id: PETITIONER });
    const author = await stack.query(query, { token: petitioner, variables: { id: post.id } });
    expect(author.data!['opinion'].author).toEqual({ id: PETITIONER });
  });

  it('get one public reply from an office', async () => {
    const post = ok(
      await stack.query(POST, {
        token: neighbour,
        variables: { input: { topic: '加装电梯', content: '老楼希望加装电梯。', regionId: COMMUNITY } },
      }),
      'postOpinion',
    );
    const REPLY_OPINION = 'mutation($id: ID!, $reply: String!) { replyToOpinion(id: $id, reply: $reply) { id reply repliedBy repliedAt } }';
    expect(codeOf(await stack.query(REPLY_OPINION, { token: petitioner, variables: { id: post.id, reply: '我来答复' } }))).toBe(
      'FORBIDDEN',
    );
    const replied = ok(
      await stack.query(REPLY_OPINION, { token: targeted, variables: { id: post.id, reply: '已纳入明年改造计划。' } }),
      'replyToOpinion',
    );
    expect(replied).toMatchObject({ reply: '已纳入明年改造计划。', repliedBy: 'CITY_MANAGEMENT', repliedAt: now.toISOString() });
    expect(codeOf(await stack.query(REPLY_OPINION, { token: office, variables: { id: post.id, reply: '第二条答复' } }))).toBe('CONFLICT');
    const read = await stack.query('query($id: ID!) { opinion(id: $id) { reply } }', { variables: { id: post.id } });
    expect(read.data!['opinion'].reply).toBe('已纳入明年改造计划。');
  });
});
