// Subscription.myRepairRequestChanged through the gateway, against the stack as `npm start`
// configures it (trusted documents on): a resident follows their own repair requests as staff move
// them, and nobody else's; anyone else is refused before anything is subscribed, as the query is.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createClient,
  MyRepairRequestChangedDocument,
  type LianglingSubscription,
  type MyRepairRequestChangedSubscription,
  type RequestResult,
} from '@liangling/sdk/government';
import { CALLER_CONTEXT_HEADER, signCallerContext } from '@liangling/schema';
import { loadConfig, startTestStack, type TestStack } from '@liangling/stack';
import { next } from './support/next-result';

const GRID = 'r-210103-1-1-1';
const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', GRID];
const SUBMITTER = { role: 'resident' as const, sub: 'p-0000003', home: HOME };
const NEIGHBOUR = { role: 'resident' as const, sub: 'p-0000004', home: HOME };
const GRID_WORKER = { role: 'grid_worker' as const, sub: 'gw-my-requests', regions: [GRID] };

let stack: TestStack;

beforeAll(async () => {
  const loaded = loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent' });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  stack = await startTestStack({ development: true, gateway: loaded.config.gateway });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

async function subscriber(caller: typeof SUBMITTER): Promise<{
  subscription: LianglingSubscription<MyRepairRequestChangedSubscription>;
  events: AsyncIterator<RequestResult<MyRepairRequestChangedSubscription>>;
}> {
  const subscription = createClient({ url: stack.url, token: await stack.token(caller) }).subscribe(MyRepairRequestChangedDocument);
  const events = subscription[Symbol.asyncIterator]();
  await subscription.ready;
  return { subscription, events };
}

async function submit(clientKey: string, category = 'WATER'): Promise<string> {
  const response = await stack.query<{ submitRepairRequest: { id: string } }>(
    'mutation ($input: SubmitRepairRequestInput!) { submitRepairRequest(input: $input) { id } }',
    {
      token: await stack.token(SUBMITTER),
      variables: { input: { category, description: '厨房水管漏水', contactPhone: '13812345678', clientKey } },
    },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.submitRepairRequest.id;
}

async function move(mutation: 'acceptRepairRequest' | 'dispatchRepairRequest', id: string): Promise<void> {
  const response = await stack.query(`mutation ($id: ID!) { ${mutation}(id: $id) { id status } }`, {
    token: await stack.token(GRID_WORKER),
    variables: { id },
  });
  expect(response.errors).toBeUndefined();
}

describe('Subscription.myRepairRequestChanged through the gateway', () => {
  it('delivers each move of the resident’s own request to them, in order, and nothing of it to another resident', async () => {
    const own = await subscriber(SUBMITTER);
    const neighbour = await subscriber(NEIGHBOUR);
    try {
      const id = await submit(`sub-own-${Date.now()}`);
      // Accepted and dispatched back to back: two events, each with the status it led to.
      await move('acceptRepairRequest', id);
      await move('dispatchRepairRequest', id);
      // The submission first (the resident's other devices learn of it), then each move.
      const submitted = await next(own.events);
      expect(submitted.data?.myRepairRequestChanged).toMatchObject({
        entry: { action: 'SUBMIT', fromStatus: null, toStatus: 'SUBMITTED' },
        request: { id },
      });
      const accepted = await next(own.events);
      const dispatched = await next(own.events);
      expect(accepted.errors ?? []).toEqual([]);
      expect(accepted.data?.myRepairRequestChanged).toMatchObject({
        entry: { action: 'ACCEPT', fromStatus: 'SUBMITTED', toStatus: 'ACCEPTED', actorRole: 'grid_worker' },
        request: { id, tier: 'COMMUNITY' },
      });
      // The request as it stands when the gateway reads the event: accepted, or dispatched already.
      expect(['ACCEPTED', 'DISPATCHED']).toContain(accepted.data?.myRepairRequestChanged?.request.status);
      expect(dispatched.data?.myRepairRequestChanged).toMatchObject({
        entry: { action: 'DISPATCH', fromStatus: 'ACCEPTED', toStatus: 'DISPATCHED' },
        request: { id, status: 'DISPATCHED' },
      });
      expect(Number(dispatched.data!.myRepairRequestChanged!.id)).toBeGreaterThan(Number(accepted.data!.myRepairRequestChanged!.id));
      // The attack: another resident of the same building, subscribed all along, receives nothing of it.
      await expect(next(neighbour.events, 1500)).rejects.toThrow('no event within 1500 ms');
      // Nor can they read a change by its id: as if there were none.
      const lookup = await stack.query<{ myRepairRequestChange: unknown }>(
        `{ myRepairRequestChange(id: "${accepted.data!.myRepairRequestChanged!.id}") { id request { id status } } }`,
        { token: await stack.token(NEIGHBOUR) },
      );
      expect(lookup.errors).toBeUndefined();
      expect(lookup.data?.myRepairRequestChange).toBeNull();
    } finally {
      own.subscription.close();
      neighbour.subscription.close();
    }
  }, 40_000);

  it('tells of a joint resolution’s moves too, once the transaction that made them has committed', async () => {
    const own = await subscriber(SUBMITTER);
    try {
      const id = await submit(`sub-joint-${Date.now()}`, 'PROPERTY');
      await move('acceptRepairRequest', id);
      const opened = await stack.query<{ openJointResolution: { jointTasks: { id: string; department: string }[] } }>(
        'mutation ($id: ID!) { openJointResolution(requestId: $id, departments: ["CITY_MANAGEMENT", "ENFORCEMENT"]) { jointTasks { id department } } }',
        { token: await stack.token(GRID_WORKER), variables: { id } },
      );
      expect(opened.errors).toBeUndefined();
      for (const task of opened.data!.openJointResolution.jointTasks) {
        const officer = await stack.token({ role: 'department_officer', sub: `o-${task.department}`, department: task.department });
        const done = await stack.query('mutation ($id: ID!) { completeJointTask(id: $id) { id } }', {
          token: officer,
          variables: { id: task.id },
        });
        expect(done.errors).toBeUndefined();
      }
      const entries = [];
      for (let i = 0; i < 6; i++) entries.push((await next(own.events)).data?.myRepairRequestChanged?.entry);
      expect(entries.map((entry) => entry?.action)).toEqual([
        'SUBMIT',
        'ACCEPT',
        'OPEN_JOINT',
        'JOINT_TASK_DONE',
        'JOINT_TASK_DONE',
        'JOINT_RESOLVED',
      ]);
      expect(entries.at(-1)?.toStatus).toBe('RESOLVED');
    } finally {
      own.subscription.close();
    }
  }, 40_000);

  it('leaves the access record a query would for the personal fields an event carries', async () => {
    const query = /* GraphQL */ `
      subscription Mine {
        myRepairRequestChanged {
          id
          request {
            id
            description
            contactPhone
          }
        }
      }
    `;
    const response = await fetch(`${stack.url}/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${await stack.token(SUBMITTER)}` },
      body: JSON.stringify({ query }),
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    try {
      const id = await submit(`sub-audit-${Date.now()}`);
      await move('acceptRepairRequest', id);
      let text = '';
      const deadline = Date.now() + 8000;
      while (!/event: next\ndata: (.*)\n\n/.test(text)) {
        if (Date.now() > deadline) throw new Error(`no event: ${text}`);
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += new TextDecoder().decode(value);
      }
      const event = JSON.parse(/event: next\ndata: (.*)\n\n/.exec(text)![1]!) as {
        data: { myRepairRequestChanged: { request: { id: string; description: string; contactPhone: string } } };
      };
      expect(event.data.myRepairRequestChanged.request).toEqual({ id, description: '厨房水管漏水', contactPhone: '13812345678' });
      const auditor = await stack.token({ role: 'auditor', sub: 'aud-my-requests', purpose: 'supervision' });
      const trail = await stack.query<{ auditTrail: { edges: { node: { entityIds: string[]; fields: string[] } }[] } }>(
        'query ($filter: AuditFilter) { auditTrail(filter: $filter, first: 50) { edges { node { entityIds fields } } } }',
        { token: auditor, variables: { filter: { actorSub: SUBMITTER.sub } } },
      );
      expect(trail.errors).toBeUndefined();
      expect(trail.data!.auditTrail.edges.some(({ node }) => node.entityIds.includes(id) && node.fields.includes('description'))).toBe(
        true,
      );
    } finally {
      await reader.cancel();
    }
  }, 40_000);

  it('replays to a stream resumed with Last-Event-ID the changes made since, so a restart loses none', async () => {
    // The gateway's stream last received the submission, then broke.
    const own = await subscriber(SUBMITTER);
    const id = await submit(`sub-resume-${Date.now()}`);
    const submitted = await next(own.events).finally(() => own.subscription.close());
    const lastEventId = submitted.data!.myRepairRequestChanged!.id;
    await move('acceptRepairRequest', id);
    await move('dispatchRepairRequest', id);
    // The department's own stream, opened again as the gateway does: signed as its service identity.
    const body = JSON.stringify({ query: 'subscription { myRepairRequestChanged { id } }' });
    const gateway = { role: 'service' as const, sub: 'gateway-subscriptions', regions: [], scopes: ['subscriptions:stream'] };
    const response = await fetch(`${stack.subgraphs['requests']!.replace(/\/graphql\/?$/, '')}/graphql/stream`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        'last-event-id': lastEventId,
        [CALLER_CONTEXT_HEADER]: signCallerContext(gateway, stack.keys.callerKey, { method: 'POST', body }),
      },
      body,
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let text = '';
    try {
      const deadline = Date.now() + 8000;
      while ((text.match(/event: next/g) ?? []).length < 2 && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    } finally {
      await reader.cancel();
    }
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((match) => match[1]!);
    // What was recorded since the submission: its acceptance and dispatch, in order (other tests' moves are done by now).
    expect(ids).toHaveLength(2);
    const token = await stack.token(SUBMITTER);
    const actions = await Promise.all(
      ids.map(
        async (change) =>
          (
            await stack.query<{ myRepairRequestChange: { entry: { action: string } } | null }>(
              `{ myRepairRequestChange(id: "${change}") { entry { action } } }`,
              { token },
            )
          ).data?.myRepairRequestChange?.entry.action,
      ),
    );
    expect(actions).toEqual(['ACCEPT', 'DISPATCH']);
  }, 30_000);

  it('refuses anyone but a resident with the codes the query gets, before anything is subscribed', async () => {
    const stream = (token: string | undefined) =>
      fetch(`${stack.url}/stream`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query: 'subscription { myRepairRequestChanged { id request { id status } } }' }),
        // A refusal is a JSON answer; a stream that opened instead would hang the test.
        signal: AbortSignal.timeout(5000),
      });
    const codeOf = async (response: Response) =>
      ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code;
    const queryCodeOf = async (token: string | undefined) =>
      (await stack.query('{ myRepairRequestChange(id: "1") { id request { id status } } }', token ? { token } : {})).errors?.[0]
        ?.extensions?.['code'];

    const anonymous = await stream(undefined);
    expect(anonymous.status).toBe(403);
    await expect(codeOf(anonymous)).resolves.toBe('FORBIDDEN');
    await expect(queryCodeOf(undefined)).resolves.toBe('FORBIDDEN');

    // Staff follow requests through their queries: this feed is a resident's own.
    const staff = await stack.token(GRID_WORKER);
    const refused = await stream(staff);
    expect(refused.status).toBe(403);
    await expect(codeOf(refused)).resolves.toBe('FORBIDDEN');
    await expect(queryCodeOf(staff)).resolves.toBe('FORBIDDEN');
    // The SDK throws the typed error from `ready`.
    const client = createClient({ url: stack.url, token: staff }).subscribe(MyRepairRequestChangedDocument);
    await expect(client.ready).rejects.toMatchObject({ code: 'FORBIDDEN' });
  }, 30_000);
});
