import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, type GraphQLResponse, type RunningStack } from '@liangling/stack';

const DAY_MS = 86_400_000;
const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', 'r-210103-1-1-1'];
let now = new Date('2026-05-01T08:00:00.000Z');
const advance = (days: number) => {
  now = new Date(now.getTime() + days * DAY_MS);
};

const FIELDS = 'id status channel reply repliedBy repliedAt reviewCount reviewUpheld reviewNote reviewableUntil closedAt';
const SUBMIT = `mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) { ${FIELDS} } }`;
const RECORD = `mutation($input: RecordPetitionInput!, $petitionerId: ID!) { recordPetition(input: $input, petitionerId: $petitionerId) { ${FIELDS} } }`;
const DECIDE = `mutation($id: ID!) { decidePetition(id: $id, accept: true) { id } }`;
const START = `mutation($id: ID!) { startHandling(id: $id) { id } }`;
const REPLY = `mutation($id: ID!, $reply: String!) { replyToPetition(id: $id, reply: $reply) { ${FIELDS} } }`;
const REVIEW = `mutation($id: ID!) { requestReview(id: $id) { ${FIELDS} } }`;
const CONCLUDE = `mutation($id: ID!, $upheld: Boolean!, $note: String) { concludeReview(id: $id, upheld: $upheld, note: $note) { ${FIELDS} } }`;
const SWEEP = 'mutation { runReviewWindowSweep { count closed ranAt } }';
const READ = `query($id: ID!) { petition(id: $id) { ${FIELDS} } }`;

let stack: RunningStack;
let petitioner: string;
let office: string;
let targeted: string;
let service: string;

beforeAll(async () => {
  stack = await startTestStack({ clock: () => now });
  petitioner = await stack.token({ role: 'resident', sub: 'p-0000001', home: HOME });
  office = await stack.token({ role: 'department_officer', sub: 'o-1', department: 'PETITIONS' });
  targeted = await stack.token({ role: 'department_officer', sub: 'o-2', department: 'CITY_MANAGEMENT' });
  service = await stack.token({ role: 'service', sub: 'review-window-sweep', scopes: ['jobs:run'] });
});
afterAll(async () => {
  await stack?.stop();
});

function ok(response: GraphQLResponse, field: string): any {
  expect(response.errors).toBeUndefined();
  return response.data![field];
}
const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.['code'];
const run = (document: string, token: string | undefined, variables: Record<string, unknown> = {}) =>
  stack.query(document, { token, variables });

let keys = 0;
/** A petition of the petitioner's, accepted, handled and replied to now. */
async function replied(): Promise<string> {
  keys += 1;
  const input = { subject: '楼道照明', content: '楼道灯坏了一个月。', targetDepartment: 'CITY_MANAGEMENT', clientKey: `r-${keys}` };
  const { id } = ok(await run(SUBMIT, petitioner, { input }), 'submitPetition');
  ok(await run(DECIDE, office, { id }), 'decidePetition');
  ok(await run(START, targeted, { id }), 'startHandling');
  ok(await run(REPLY, targeted, { id, reply: '已安排维修。' }), 'replyToPetition');
  return id;
}

describe('the review (复查)', () => {
  it('upheld by the petitions office closes the petition', async () => {
    const id = await replied();
    ok(await run(REVIEW, petitioner, { id }), 'requestReview');
    const closed = ok(await run(CONCLUDE, office, { id, upheld: true, note: '原答复事实清楚，予以维持。' }), 'concludeReview');
    expect(closed).toMatchObject({
      status: 'CLOSED',
      reviewUpheld: true,
      reviewNote: '原答复事实清楚，予以维持。',
      reply: '已安排维修。',
      closedAt: now.toISOString(),
      reviewCount: 1,
    });
    expect(codeOf(await run(CONCLUDE, office, { id, upheld: false, note: '再议' }))).toBe('CONFLICT');
  });

  it('not upheld gives a new reply and a fresh review window, once more, then the matter is settled', async () => {
    const id = await replied();
    const repliedAt = ok(await run(READ, office, { id }), 'petition').repliedAt;
    advance(10);
    ok(await run(REVIEW, petitioner, { id }), 'requestReview');
    expect(codeOf(await run(CONCLUDE, targeted, { id, upheld: false, note: '改判' }))).toBe('FORBIDDEN');
    const noNote = await run(CONCLUDE, office, { id, upheld: false });
    expect(codeOf(noNote)).toBe('BAD_USER_INPUT');
    expect(noNote.errors![0]!.extensions!['argument']).toBe('note');
    advance(5);
    const again = ok(await run(CONCLUDE, office, { id, upheld: false, note: '经复查，责成城管局三日内修复并回访。' }), 'concludeReview');
    expect(again).toMatchObject({
      status: 'REPLIED',
      reviewUpheld: false,
      reply: '经复查，责成城管局三日内修复并回访。',
      repliedBy: 'PETITIONS',
      repliedAt,
    });
    expect(Date.parse(again.reviewableUntil)).toBe(now.getTime() + 30 * DAY_MS);

    // The fresh window: 29 days after the new reply (44 after the first) a review is still taken.
    advance(29);
    expect(ok(await run(REVIEW, petitioner, { id }), 'requestReview')).toMatchObject({ status: 'REVIEW_REQUESTED', reviewCount: 2 });
    ok(await run(CONCLUDE, office, { id, upheld: false, note: '复核：维持复查意见并督办。' }), 'concludeReview');
    const third = await run(REVIEW, petitioner, { id });
    expect(codeOf(third)).toBe('CONFLICT');
    expect(ok(await run(READ, petitioner, { id }), 'petition')).toMatchObject({ status: 'REPLIED', reviewCount: 2 });
  });

  it('is concluded only while one was asked for', async () => {
    const id = await replied();
    expect(codeOf(await run(CONCLUDE, office, { id, upheld: true }))).toBe('CONFLICT');
    expect(ok(await run(READ, office, { id }), 'petition').status).toBe('REPLIED');
  });
});

describe('the review-window sweep', () => {
  it('closes replied petitions whose review window passed unused, and nothing else', async () => {
    const lapsing = await replied();
    const reviewed = await replied();
    ok(await run(REVIEW, petitioner, { id: reviewed }), 'requestReview');
    advance(30);
    // On the last day of the window nothing lapses.
    expect(ok(await run(SWEEP, service), 'runReviewWindowSweep').closed).not.toContain(lapsing);
    advance(1);
    const fresh = await replied();
    expect(codeOf(await run(SWEEP, office))).toBe('FORBIDDEN');
    expect(codeOf(await run(SWEEP, petitioner))).toBe('FORBIDDEN');
    expect(ok(await run(READ, office, { id: lapsing }), 'petition').status).toBe('REPLIED');

    const swept = ok(await run(SWEEP, service), 'runReviewWindowSweep');
    expect(swept.ranAt).toBe(now.toISOString());
    expect(swept.closed).toContain(lapsing);
    expect(swept.closed).not.toContain(reviewed);
    expect(swept.closed).not.toContain(fresh);
    expect(ok(await run(READ, office, { id: lapsing }), 'petition')).toMatchObject({
      status: 'CLOSED',
      closedAt: now.toISOString(),
      reviewableUntil: null,
    });
    expect(ok(await run(READ, office, { id: reviewed }), 'petition').status).toBe('REVIEW_REQUESTED');
    expect(ok(await run(READ, office, { id: fresh }), 'petition').status).toBe('REPLIED');
    // Safe to repeat: nothing left to close.
    expect(ok(await run(SWEEP, service), 'runReviewWindowSweep').closed).not.toContain(lapsing);
  });
});

describe('intake by channel', () => {
  const input = (channel: string, clientKey: string) => ({
    channel,
    subject: '噪音扰民',
    content: '夜间施工噪音。',
    targetDepartment: 'ENFORCEMENT',
    clientKey,
    homeRegionId: 'r-210103-1-1-2',
  });

  it('residents file ONLINE only, naming the channel when refused', async () => {
    for (const channel of ['VISIT', 'LETTER', 'HOTLINE_12345']) {
      const refused = await run(SUBMIT, petitioner, {
        input: { channel, subject: '主题', content: '内容', targetDepartment: 'ENFORCEMENT', clientKey: `c-${channel}` },
      });
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors![0]!.extensions!['field']).toBe('channel');
    }
    const online = ok(
      await run(SUBMIT, petitioner, {
        input: { channel: 'ONLINE', subject: '主题', content: '内容', targetDepartment: 'ENFORCEMENT', clientKey: 'c-online' },
      }),
      'submitPetition',
    );
    expect(online.channel).toBe('ONLINE');
  });

  it('the petitions office records visits, letters and 12345 calls for a resident, who then sees them as their own', async () => {
    const visit = ok(await run(RECORD, office, { input: input('VISIT', 'desk-1'), petitionerId: 'p-0000005' }), 'recordPetition');
    expect(visit).toMatchObject({ status: 'RECEIVED', channel: 'VISIT' });
    const again = ok(await run(RECORD, office, { input: input('VISIT', 'desk-1'), petitionerId: 'p-0000005' }), 'recordPetition');
    expect(again.id).toBe(visit.id);
    for (const channel of ['LETTER', 'HOTLINE_12345'])
      ok(await run(RECORD, office, { input: input(channel, `desk-${channel}`), petitionerId: 'p-0000005' }), 'recordPetition');

    const resident = await stack.token({
      role: 'resident',
      sub: 'p-0000005',
      home: ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', 'r-210103-1-1-2'],
    });
    const mine = ok(await run('{ me { petitions { id channel petitioner { id } } } }', resident), 'me');
    expect(mine.petitions.map((petition: any) => petition.channel).sort()).toEqual(['HOTLINE_12345', 'LETTER', 'VISIT']);
    expect(mine.petitions.every((petition: any) => petition.petitioner.id === 'p-0000005')).toBe(true);

    const online = await run(RECORD, office, { input: input('ONLINE', 'desk-2'), petitionerId: 'p-0000005' });
    expect(codeOf(online)).toBe('BAD_USER_INPUT');
    expect(online.errors![0]!.extensions!['field']).toBe('channel');
    const badPlace = await run(RECORD, office, {
      input: { ...input('LETTER', 'desk-3'), homeRegionId: '多福社区' },
      petitionerId: 'p-0000005',
    });
    expect(badPlace.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'homeRegionId' });
    expect(codeOf(await run(RECORD, targeted, { input: input('VISIT', 'desk-4'), petitionerId: 'p-0000005' }))).toBe('FORBIDDEN');
    expect(codeOf(await run(RECORD, petitioner, { input: input('VISIT', 'desk-5'), petitionerId: 'p-0000001' }))).toBe('FORBIDDEN');
  });
});
