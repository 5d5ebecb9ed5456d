// Subscriptions through the gateway, against the stack as `npm start` configures it (trusted
// documents on): delivered per event with each subscriber's privacy and audit; refused before
// anything is subscribed with the same codes a query gets.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AlertRaisedDocument,
  createClient,
  type AlertRaisedSubscription,
  type LianglingSubscription,
  type RequestResult,
} from '@liangling/sdk/government';
import { createHash } from 'node:crypto';
import { loadConfig, signToken, startTestStack, type TestStack } from '@liangling/stack';
import { next } from './support/next-result';

const PARTNER_KEY = 'partner-key-for-the-subscription-test';

const CITY = 'r-2101';
const GRID = 'r-210103-1-1-1';
const OTHER_GRID = 'r-210103-1-1-2';

let stack: TestStack;
let serviceToken = '';

beforeAll(async () => {
  // npm start's configuration, with one partner's API key (such clients are held to the trusted documents).
  const apiKeys = [
    { id: 'water-co', sha256: createHash('sha256').update(PARTNER_KEY).digest('hex'), role: 'partner', organisation: 'org-water' },
  ];
  const loaded = loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', API_KEYS: JSON.stringify(apiKeys) });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  stack = await startTestStack({ development: true, gateway: loaded.config.gateway });
  serviceToken = await stack.token({ role: 'service', sub: 'early-warning', purpose: 'early-warning', scopes: ['alerts:write'] });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

async function raise(input: Record<string, unknown>): Promise<string> {
  const response = await stack.query<{ raiseAlert: { alert: { id: string } } }>(
    'mutation ($input: RaiseAlertInput!) { raiseAlert(input: $input) { alert { id } created } }',
    { token: serviceToken, variables: { input } },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.raiseAlert.alert.id;
}

async function subscriber(
  caller: Parameters<TestStack['token']>[0],
  purpose?: string,
): Promise<{
  subscription: LianglingSubscription<AlertRaisedSubscription>;
  events: AsyncIterator<RequestResult<AlertRaisedSubscription>>;
}> {
  const client = createClient({ url: stack.url, token: await stack.token(caller), ...(purpose ? { purpose } : {}) });
  const subscription = client.subscribe(AlertRaisedDocument, { regionId: CITY });
  const events = subscription[Symbol.asyncIterator]();
  await subscription.ready;
  return { subscription, events };
}

describe('Subscription.alertRaised through the gateway', () => {
  it('delivers each new alert to every subscriber, with fields of another department joined per event through the planner', async () => {
    const own = await subscriber({ role: 'grid_worker', sub: 'gw-own', regions: [GRID] }, 'grid-visit');
    const other = await subscriber({ role: 'grid_worker', sub: 'gw-other', regions: [OTHER_GRID] }, 'grid-visit');
    const officer = await subscriber({ role: 'department_officer', sub: 'em-1', department: 'EMERGENCY' }, 'emergency');
    try {
      // A leak's place is about a household (PERSONAL): decided per reader, as alert(id) decides it.
      const id = await raise({
        kind: 'WATER_LEAK',
        severity: 'HIGH',
        dedupeKey: `sub-test-${Date.now()}`,
        buildingId: 'b-000001',
        evidence: '水表读数异常',
      });
      const [mine, theirs, emergency] = await Promise.all([next(own.events), next(other.events), next(officer.events)]);
      for (const result of [mine, theirs, emergency]) {
        expect(result.data?.alertRaised?.id).toBe(id);
        expect(result.data?.alertRaised?.kind).toBe('WATER_LEAK');
      }
      // The place's name comes from the residents department: planned per event like any query.
      expect(mine.data?.alertRaised?.place?.region.name).toBe('多福社区第一网格');
      expect(emergency.data?.alertRaised?.place?.region.name).toBe('多福社区第一网格');
      // Another grid's worker: the place masked, as the same query would give it.
      expect(theirs.data?.alertRaised?.place).toBeNull();
      const query = await stack.query<{ alert: { place: unknown } }>(`{ alert(id: "${id}") { place { region { name } } } }`, {
        token: await stack.token({ role: 'grid_worker', sub: 'gw-other', regions: [OTHER_GRID] }),
      });
      expect(query.data?.alert.place).toBeNull();
    } finally {
      own.subscription.close();
      other.subscription.close();
      officer.subscription.close();
    }
  }, 30_000);

  it('decides personal fields per event per subscriber and leaves the access record a query would', async () => {
    const query = /* GraphQL */ `
      subscription Evidence($regionId: ID!) {
        alertRaised(regionId: $regionId) {
          id
          personalEvidence
        }
      }
    `;
    // An elderly person's inactivity is SENSITIVE: revealed to their grid's worker on a care visit only.
    const open = async (sub: string, regions: string[]) => {
      const response = await fetch(`${stack.url}/stream`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          authorization: `Bearer ${await stack.token({ role: 'grid_worker', sub, regions })}`,
          'x-liangling-purpose': 'care-visit',
        },
        body: JSON.stringify({ query, variables: { regionId: GRID } }),
      });
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      return { response, reader: response.body!.getReader() };
    };
    const readEvent = async (reader: ReadableStreamDefaultReader<Uint8Array>) => {
      let text = '';
      const deadline = Date.now() + 8000;
      while (!/event: next\ndata: (.*)\n\n/.test(text)) {
        if (Date.now() > deadline) throw new Error(`no event: ${text}`);
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += new TextDecoder().decode(value);
      }
      return JSON.parse(/event: next\ndata: (.*)\n\n/.exec(text)![1]!) as {
        data: { alertRaised: { id: string; personalEvidence: string | null } };
      };
    };
    const own = await open('gw-evidence-own', [GRID]);
    const other = await open('gw-evidence-other', [OTHER_GRID]);
    try {
      const id = await raise({
        kind: 'ELDERLY_INACTIVITY',
        severity: 'HIGH',
        dedupeKey: `sub-evidence-${Date.now()}`,
        buildingId: 'b-000001',
        residentId: 'p-0000001',
        personalEvidence: '三天未出门',
      });
      const [mine, theirs] = await Promise.all([readEvent(own.reader), readEvent(other.reader)]);
      expect(mine.data.alertRaised).toEqual({ id, personalEvidence: '三天未出门' });
      // The same query masks it for a grid worker of another grid: so does the subscription.
      expect(theirs.data.alertRaised).toEqual({ id, personalEvidence: null });
      const auditor = await stack.token({ role: 'auditor', sub: 'aud-1', purpose: 'supervision' });
      const trail = async (actorSub: string) =>
        (
          await stack.query<{ auditTrail: { edges: { node: { entityIds: string[]; fields: string[]; purpose: string } }[] } }>(
            'query ($filter: AuditFilter) { auditTrail(filter: $filter, first: 50) { edges { node { entityIds fields purpose } } } }',
            { token: auditor, variables: { filter: { actorSub } } },
          )
        ).data!.auditTrail.edges.map((edge) => edge.node);
      const recorded = await trail('gw-evidence-own');
      expect(
        recorded.some(
          (record) => record.entityIds.includes(id) && record.fields.includes('personalEvidence') && record.purpose === 'care-visit',
        ),
      ).toBe(true);
      // A masked value is no reveal: nothing recorded for the other grid's worker.
      expect((await trail('gw-evidence-other')).some((record) => record.entityIds.includes(id))).toBe(false);
    } finally {
      await own.reader.cancel();
      await other.reader.cancel();
    }
  }, 30_000);

  it('refuses a subscription the caller may not make with the codes a query gets, before anything is subscribed', async () => {
    const stream = (token: string | undefined, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${stack.url}/stream`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: JSON.stringify(body),
        // A refusal is a JSON answer; a stream that opened instead would hang the test.
        signal: AbortSignal.timeout(5000),
      });
    const subscription = {
      query: 'subscription ($regionId: ID!) { alertRaised(regionId: $regionId) { id kind } }',
      variables: { regionId: CITY },
    };

    // Anonymous: the public contract has no Subscription at all, as a query of alert(id) fails.
    const anonymous = await stream(undefined, subscription);
    expect(anonymous.status).toBe(400);
    const anonymousBody = (await anonymous.json()) as { errors: { extensions: { code: string } }[] };
    expect(anonymousBody.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const anonymousQuery = await stack.query('{ alert(id: "x") { id } }');
    expect(anonymousQuery.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');

    // A resident: alerts are staff only; the query gets FORBIDDEN_FIELD, and so does the subscription.
    const residentToken = await stack.token({
      role: 'resident',
      sub: 'p-0000001',
      home: ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', GRID],
    });
    const resident = await stream(residentToken, subscription);
    expect(resident.status).toBe(403);
    expect(((await resident.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('FORBIDDEN_FIELD');
    const residentQuery = await stack.query('{ alert(id: "x") { id kind } }', { token: residentToken });
    expect(residentQuery.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN_FIELD');

    // A bad token: 401, as for a query.
    expect((await stream('not-a-token', subscription)).status).toBe(401);
    // A query sent to the stream, two root fields, a document that does not parse: coded errors.
    const staff = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
    const codeOf = async (body: unknown) =>
      ((await (await stream(staff, body)).json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code;
    await expect(codeOf({ query: '{ alert(id: "x") { id } }' })).resolves.toBe('BAD_REQUEST');
    await expect(
      codeOf({ query: 'subscription { a: alertRaised(regionId: "r-2101") { id } b: alertRaised(regionId: "r-2101") { id } }' }),
    ).resolves.toBe('GRAPHQL_VALIDATION_FAILED');
    await expect(codeOf({ query: 'subscription {' })).resolves.toBe('GRAPHQL_PARSE_FAILED');
    await expect(codeOf({ extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } })).resolves.toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    // Limits apply to the selection, as to the query it becomes.
    const deep = `subscription { alertRaised(regionId: "r-2101") { place { region { ${'parent { '.repeat(20)}id${' }'.repeat(20)} } } } }`;
    await expect(codeOf({ query: deep })).resolves.toBe('MAX_DEPTH_EXCEEDED');
    // A client held to the trusted documents: another document is refused; the SDK's, by its hash, is served.
    const partner = await stream(undefined, subscription, { 'x-api-key': PARTNER_KEY });
    expect(partner.status).toBe(403);
    expect(((await partner.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'OPERATION_NOT_ALLOWED',
    );
    const trusted = createClient({ url: stack.url, apiKey: PARTNER_KEY }).subscribe(AlertRaisedDocument, { regionId: CITY });
    await expect(trusted.ready).resolves.toBeUndefined();
    trusted.close();
    // The SDK throws the typed error from `ready` and from the iterator.
    const residentClient = createClient({ url: stack.url, token: residentToken });
    const refused = residentClient.subscribe(AlertRaisedDocument, { regionId: CITY });
    await expect(refused.ready).rejects.toMatchObject({ code: 'FORBIDDEN_FIELD' });
    await expect(refused[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'FORBIDDEN_FIELD' });
  }, 30_000);

  it('ends a stream when the token it was opened with expires, saying so, and delivers nothing after', async () => {
    const token = await signToken({ role: 'department_officer', sub: 'em-expiring', department: 'EMERGENCY' }, stack.keys.jwtSecret, '3s');
    const subscription = createClient({ url: stack.url, token, purpose: 'emergency' }).subscribe(AlertRaisedDocument, { regionId: CITY });
    await subscription.ready;
    const events = subscription[Symbol.asyncIterator]();
    try {
      const ended = await next(events, 10_000);
      expect([ended.data, ended.errors.map((error) => error.code)]).toEqual([null, ['UNAUTHENTICATED']]);
      await raise({
        kind: 'WATER_LEAK',
        severity: 'MEDIUM',
        dedupeKey: `sub-expired-${Date.now()}`,
        buildingId: 'b-000001',
        evidence: '楼道漏水',
      });
      await expect(next(events, 1500)).rejects.toThrow('the subscription ended');
    } finally {
      subscription.close();
    }
  }, 30_000);

  it('sends nothing about an alert outside the subscribed region', async () => {
    const inGrid = await subscriber({ role: 'department_officer', sub: 'em-2', department: 'EMERGENCY' }, 'emergency');
    const client = createClient({
      url: stack.url,
      token: await stack.token({ role: 'department_officer', sub: 'em-3', department: 'EMERGENCY' }),
      purpose: 'emergency',
    });
    const elsewhere = client.subscribe(AlertRaisedDocument, { regionId: OTHER_GRID });
    await elsewhere.ready;
    const elsewhereEvents = elsewhere[Symbol.asyncIterator]();
    try {
      const id = await raise({
        kind: 'WATER_LEAK',
        severity: 'MEDIUM',
        dedupeKey: `sub-region-${Date.now()}`,
        buildingId: 'b-000001',
        evidence: '楼道漏水',
      });
      await expect(next(inGrid.events)).resolves.toMatchObject({ data: { alertRaised: { id } } });
      await expect(next(elsewhereEvents, 1500)).rejects.toThrow('no event within 1500 ms');
    } finally {
      inGrid.subscription.close();
      elsewhere.close();
    }
  }, 30_000);
});
