import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hashApiKey } from '../src/api-keys';
import type { GatewayOptions, RunningGateway } from '../src/gateway';
import { sha256Hex } from '../src/trusted-documents';
import { post, startStubGraph, type StubGraph, gatewayOnStubs } from './support/stub-subgraphs';
import { capturedLogs } from './support/logs';
import { tokenFor } from './support/tokens';

// The production gateway over two stub subgraphs, through the HTTP path: trusted documents, API keys,
// limits, rate limits, resilience, errors, observability and operations.

const PEOPLE = 'query People { people { id name tickets { id title } } }';
const APP_KEY = 'app-key-0123456789';
const PARTNER_KEY = 'partner-key-0123456789';
const OPERATOR_TOKEN = 'operator-token-of-this-test-0123456789';

let graph: StubGraph;
const gateways: RunningGateway[] = [];
const { lines: logLines, logger } = capturedLogs();

async function gatewayWith(options: Partial<GatewayOptions> = {}): Promise<RunningGateway> {
  const gateway = await gatewayOnStubs(graph, {
    logger,
    apiKeys: [
      { id: 'weather-app', sha256: hashApiKey(APP_KEY), role: 'anonymous', clientApp: 'weather' },
      { id: 'water-co', sha256: hashApiKey(PARTNER_KEY), role: 'partner', organisation: 'org-water' },
    ],
    ...options,
  });
  gateways.push(gateway);
  return gateway;
}

beforeAll(async () => {
  graph = await startStubGraph();
});

afterAll(async () => {
  await Promise.allSettled(gateways.map((gateway) => gateway.stop()));
  await graph?.stop();
});

describe('trusted documents', () => {
  let gateway: RunningGateway;
  const hash = sha256Hex(PEOPLE);
  beforeAll(async () => {
    gateway = await gatewayWith({ trustedDocuments: { documents: new Map([[hash, PEOPLE]]), safelist: 'api-keys' } });
  });

  it('runs a document sent by its hash alone', async () => {
    const response = await post(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(response.status).toBe(200);
    expect(response.body.data.people[0]).toEqual({ id: 'p1', name: 'Ann', tickets: [{ id: 't-p1', title: "p1's ticket" }] });
  });

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND', async () => {
    const response = await post(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
    expect(response.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('holds third-party API keys to the safelist, before anything is fetched', async () => {
    const before = graph.people.requests.length;
    const refused = await post(gateway.url, { query: '{ people { id } }' }, { 'x-api-key': APP_KEY });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions.code).toBe('OPERATION_NOT_ALLOWED');
    expect(graph.people.requests.length).toBe(before);
    const allowed = await post(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, { 'x-api-key': APP_KEY });
    expect(allowed.body.data.people).toHaveLength(3);
    // Callers without a key are not held to it (safelist: 'api-keys').
    const free = await post(gateway.url, { query: '{ people { id } }' });
    expect(free.body.data.people).toHaveLength(3);
  });

  it('refuses an unknown API key as UNAUTHENTICATED', async () => {
    const response = await post(gateway.url, { query: '{ people { id } }' }, { 'x-api-key': 'not-a-key' });
    expect(response.status).toBe(401);
    expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('holds everyone to the safelist when configured so', async () => {
    const strict = await gatewayWith({ trustedDocuments: { documents: new Map([[hash, PEOPLE]]), safelist: 'all' } });
    const refused = await post(strict.url, { query: '{ people { id } }' });
    expect(refused.body.errors[0].extensions.code).toBe('OPERATION_NOT_ALLOWED');
    const allowed = await post(strict.url, { query: PEOPLE });
    expect(allowed.body.data.people).toHaveLength(3);
  });
});

describe('limits, each refused with its own code before planning', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await gatewayWith({
      limits: { maxDepth: 4, maxAliases: 2, maxRootFields: 2, maxTokens: 200, maxCost: 500, defaultListSize: 10, maxBatchSize: 2 },
      bodyLimit: '2kb',
    });
  });

  const refusedWith = async (body: unknown, code: string, status = 400) => {
    const before = graph.people.requests.length + graph.tickets.requests.length;
    const response = await post(gateway.url, body);
    expect(response.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(response.status).toBe(status);
    expect(graph.people.requests.length + graph.tickets.requests.length).toBe(before);
    return response;
  };

  it('depth', async () => {
    const response = await refusedWith(
      { query: '{ people { friends { friends { friends { friends { id } } } } } }' },
      'MAX_DEPTH_EXCEEDED',
    );
    expect(response.body.errors[0].extensions).toMatchObject({ limit: 4, actual: 6 });
    // Fragments count too.
    await refusedWith(
      { query: '{ people { ...F } } fragment F on Person { friends { friends { friends { friends { id } } } } }' },
      'MAX_DEPTH_EXCEEDED',
    );
  });

  it('aliases', () => refusedWith({ query: '{ a: people { id } b: people { c: id } }' }, 'MAX_ALIASES_EXCEEDED'));

  it('root fields', () =>
    refusedWith({ query: '{ people { id } person(id: "p1") { id } ticket(id: "t") { id } }' }, 'MAX_ROOT_FIELDS_EXCEEDED'));

  it('tokens, counted before parsing', () => refusedWith({ query: `{ people { ${'id '.repeat(300)} } }` }, 'MAX_TOKENS_EXCEEDED'));

  it('the cost estimate, from first arguments (variables too) and the default list size', async () => {
    // 50 people + 50×10 friends (default size) = 550 > 500.
    await refusedWith({ query: 'query($n: Int) { people(first: $n) { id friends { id } } }', variables: { n: 50 } }, 'COST_LIMIT_EXCEEDED');
    const cheap = await post(gateway.url, {
      query: 'query($n: Int) { people(first: $n) { id friends(first: 2) { id } } }',
      variables: { n: 3 },
    });
    expect(cheap.body.errors).toBeUndefined();
  });

  it('the request body size', () => refusedWith({ query: `{ people { id } } # ${'x'.repeat(3000)}` }, 'REQUEST_TOO_LARGE', 413));

  it('batches: bounded, and each operation of an allowed batch answered', async () => {
    await refusedWith(
      [{ query: '{ people { id } }' }, { query: '{ people { id } }' }, { query: '{ people { id } }' }],
      'BATCH_LIMIT_EXCEEDED',
    );
    const batch = await post(gateway.url, [{ query: '{ people { id } }' }, { query: '{ person(id: "p2") { name } }' }]);
    expect(batch.status).toBe(200);
    expect(batch.body).toHaveLength(2);
    expect(batch.body[1].data.person.name).toBe('Bo');
  });
});

describe('rate limits per client', () => {
  it('refuses a flood with RATE_LIMITED, retryAfter and Retry-After, counting each client apart', async () => {
    const gateway = await gatewayWith({ rateLimit: { points: 5, durationSeconds: 60 } });
    const flood = await Promise.all(Array.from({ length: 8 }, () => post(gateway.url, { query: '{ people { id } }' })));
    const limited = flood.filter((response) => response.status === 429);
    expect(flood.filter((response) => response.status === 200)).toHaveLength(5);
    expect(limited).toHaveLength(3);
    for (const response of limited) {
      expect(response.body.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(response.body.errors[0].extensions.retryAfter).toBeGreaterThan(0);
      expect(Number(response.headers.get('retry-after'))).toBe(response.body.errors[0].extensions.retryAfter);
    }
    // Another client from the same address: a signed-in subject, then an API key.
    const token = await tokenFor({ role: 'auditor', sub: 'a-1' });
    expect((await post(gateway.url, { query: '{ people { id } }' }, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await post(gateway.url, { query: '{ people { id } }' }, { 'x-api-key': PARTNER_KEY })).status).toBe(200);
  });
});

describe('resilience', () => {
  it('a slow subgraph times out: the others’ data stands, with SUBGRAPH_UNAVAILABLE naming it', async () => {
    const gateway = await gatewayWith({ subgraphOptions: { tickets: { timeoutMs: 150, retries: 0 } } });
    graph.tickets.behaviour.delayMs = 1000;
    try {
      const response = await post(gateway.url, { query: PEOPLE });
      expect(response.status).toBe(200);
      expect(response.body.data.people.map((person: { name: string }) => person.name)).toEqual(['Ann', 'Bo', 'Cy']);
      expect(response.body.data.people[0].tickets).toBeNull();
      const error = response.body.errors.find((e: any) => e.extensions.code === 'SUBGRAPH_UNAVAILABLE');
      expect(error.extensions.serviceName).toBe('tickets');
      expect(error.message).toMatch(/tickets.*150 ms/);
    } finally {
      graph.tickets.behaviour.delayMs = 0;
    }
  });

  it('retries a query whose connection failed, never a mutation', async () => {
    const gateway = await gatewayWith({ subgraphDefaults: { retries: 2, retryDelayMs: 1 } });
    graph.tickets.behaviour.dropNext = 1;
    const query = await post(gateway.url, { query: '{ ticket(id: "t1") { title } }' });
    expect(query.body).toEqual({ data: { ticket: { title: 'ticket t1' } } });

    graph.tickets.behaviour.dropNext = 1;
    const attempts = graph.tickets.attempts;
    const mutation = await post(gateway.url, { query: 'mutation { openTicket(title: "leak") { id } }' });
    expect(graph.tickets.attempts).toBe(attempts + 1);
    expect(mutation.body.errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'tickets' });
  });

  it('keeps connections to a subgraph alive across requests', async () => {
    const gateway = await gatewayWith();
    await post(gateway.url, { query: '{ ticket(id: "warm") { id } }' });
    const connections = graph.tickets.connections;
    for (let i = 0; i < 5; i += 1) await post(gateway.url, { query: '{ ticket(id: "t") { id } }' });
    expect(graph.tickets.connections).toBe(connections);
  });

  it('a subgraph refusing the work it is sent (a 5xx with a refusal code) keeps its circuit closed and the refusal reaches the caller; a 5xx that refuses nothing opens it', async () => {
    const gateway = await gatewayWith({
      operator: { token: OPERATOR_TOKEN },
      subgraphOptions: { tickets: { retries: 0, circuitBreaker: { failureThreshold: 2, cooldownMs: 60_000 } } },
    });
    const circuit = async () => {
      const details = await fetch(new URL('/health/details', gateway.url), { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
      return ((await details.json()) as { subgraphDetails: Record<string, { circuit: string }> }).subgraphDetails['tickets']?.circuit;
    };
    try {
      for (const [status, code] of [
        [503, 'OVERLOADED'],
        [503, 'RATE_LIMITED'],
        [500, 'RESULT_TOO_LARGE'],
        [502, 'BAD_USER_INPUT'],
      ] as const) {
        graph.tickets.behaviour.answer = { status, body: { errors: [{ message: `refused: ${code}`, extensions: { code } }] } };
        for (let n = 0; n < 3; n += 1) {
          const refused = await post(gateway.url, { query: PEOPLE });
          expect(refused.body.data.people).toHaveLength(3);
          expect(refused.body.errors[0]).toMatchObject({ message: `refused: ${code}`, extensions: { code, serviceName: 'tickets' } });
        }
      }
      expect(await circuit()).toBe('closed');
      graph.tickets.behaviour.answer = {
        status: 500,
        body: { errors: [{ message: 'broken', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
      };
      for (let n = 0; n < 2; n += 1)
        expect((await post(gateway.url, { query: PEOPLE })).body.errors[0].extensions).toMatchObject({
          code: 'SUBGRAPH_UNAVAILABLE',
          serviceName: 'tickets',
        });
      expect(await circuit()).toBe('open');
    } finally {
      graph.tickets.behaviour.answer = undefined;
    }
  });

  it('one caller’s heavy queries timing out keep the circuit closed and others served; timeouts of a second caller open it', async () => {
    const gateway = await gatewayWith({
      operator: { token: OPERATOR_TOKEN },
      subgraphOptions: { tickets: { timeoutMs: 150, retries: 0, circuitBreaker: { failureThreshold: 2, cooldownMs: 60_000 } } },
    });
    const heavy = await tokenFor({ role: 'department_officer', sub: 'o-heavy', department: 'CITY_MANAGEMENT' });
    const other = await tokenFor({ role: 'department_officer', sub: 'o-other', department: 'CITY_MANAGEMENT' });
    const heavyQuery = 'query Heavy { people { id tickets { id title } } }';
    graph.tickets.behaviour.heavy = { when: (query) => query.includes('Heavy'), delayMs: 400 };
    try {
      for (let n = 0; n < 5; n += 1) {
        const timedOut = await post(gateway.url, { query: heavyQuery }, { authorization: `Bearer ${heavy}` });
        expect(timedOut.body.errors[0].message).toMatch(/tickets.*did not answer within 150 ms/);
      }
      const served = await post(gateway.url, { query: PEOPLE }, { authorization: `Bearer ${other}` });
      expect(served.body.errors).toBeUndefined();
      expect(served.body.data.people[0].tickets).toEqual([{ id: 't-p1', title: "p1's ticket" }]);
      // The subgraph now fails everyone: timeouts of two callers are its failures.
      graph.tickets.behaviour.delayMs = 400;
      for (const token of [heavy, other, other]) await post(gateway.url, { query: PEOPLE }, { authorization: `Bearer ${token}` });
      const open = await post(gateway.url, { query: PEOPLE }, { authorization: `Bearer ${other}` });
      expect(open.body.errors[0].message).toMatch(/circuit open/);
    } finally {
      graph.tickets.behaviour.heavy = undefined;
      graph.tickets.behaviour.delayMs = 0;
    }
  });

  it('opens the circuit of a stopped subgraph, reports it in /health, and closes it once the subgraph is back', async () => {
    const gateway = await gatewayWith({
      operator: { token: OPERATOR_TOKEN },
      subgraphOptions: { tickets: { retries: 0, circuitBreaker: { failureThreshold: 2, cooldownMs: 300 } } },
    });
    await graph.tickets.closeHttp();
    try {
      for (let i = 0; i < 2; i += 1) {
        const response = await post(gateway.url, { query: PEOPLE });
        expect(response.body.data.people).toHaveLength(3);
        expect(response.body.errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'tickets' });
      }
      const open = await post(gateway.url, { query: PEOPLE });
      expect(open.body.errors[0].message).toMatch(/circuit open/);
      const health = await fetch(new URL('/health', gateway.url), { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'degraded', subgraphs: { people: 'ok', tickets: 'down' } });
      // Without the operator's credential: the status alone, no subgraph named.
      const outsider = await fetch(new URL('/health', gateway.url));
      expect(outsider.status).toBe(503);
      expect(await outsider.json()).toEqual({ status: 'degraded' });
      expect((await fetch(new URL('/ready', gateway.url))).status).toBe(200);
    } finally {
      await graph.tickets.restart();
    }
    await new Promise((resolve) => setTimeout(resolve, 350));
    const recovered = await post(gateway.url, { query: PEOPLE });
    expect(recovered.body.errors).toBeUndefined();
    expect(recovered.body.data.people[1].tickets).toEqual([{ id: 't-p2', title: "p2's ticket" }]);
  });
});

describe('errors', () => {
  it('answers an operation it cannot tell with OPERATION_RESOLUTION_FAILURE (HTTP 400), not an internal error, and logs no stack', async () => {
    const gateway = await gatewayWith();
    const before = logLines.length;
    const unknown = await post(gateway.url, { query: 'query People { people { id } }', operationName: 'Tickets' });
    expect([unknown.status, unknown.body.errors[0].extensions.code, unknown.body.errors[0].extensions.operationName]).toEqual([
      400,
      'OPERATION_RESOLUTION_FAILURE',
      'Tickets',
    ]);
    const unnamed = await post(gateway.url, { query: 'query A { people { id } } query B { people { id } }' });
    expect([unnamed.status, unnamed.body.errors[0].extensions.code]).toEqual([400, 'OPERATION_RESOLUTION_FAILURE']);
    expect(JSON.stringify(logLines.slice(before))).not.toContain('stack');
    expect((await post(gateway.url, { query: 'query People { people { id } }', operationName: 'People' })).body.data.people).toHaveLength(
      3,
    );
  });

  it('masks unexpected errors, with stack traces only in development', async () => {
    const production = await gatewayWith();
    const masked = await post(production.url, { query: '{ boom }' });
    expect(masked.body.errors[0]).toMatchObject({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(masked.body)).not.toMatch(/SQLITE|secret_things|stacktrace/);
    const invalid = await post(production.url, { query: '{ nope }' });
    expect(invalid.body.errors[0].extensions.stacktrace).toBeUndefined();
    const development = await gatewayWith({ development: true });
    const traced = await post(development.url, { query: '{ nope }' });
    expect(traced.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(Array.isArray(traced.body.errors[0].extensions.stacktrace)).toBe(true);
  });
});

describe('observability', () => {
  it('logs one JSON line per request without credentials, and carries the request id to the subgraphs', async () => {
    const gateway = await gatewayWith();
    const token = await tokenFor({ role: 'auditor', sub: 'a-1' });
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'req-42' },
      body: JSON.stringify({ query: PEOPLE }),
    });
    expect(response.headers.get('x-request-id')).toBe('req-42');
    await response.json();
    expect(graph.people.requests.at(-1)?.headers['x-request-id']).toBe('req-42');
    expect(graph.tickets.requests.at(-1)?.headers['x-request-id']).toBe('req-42');
    const lines = logLines.filter((line) => line['requestId'] === 'req-42');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'request',
      operationName: 'People',
      operationType: 'query',
      role: 'auditor',
      status: 200,
      errorCodes: [],
    });
    expect(typeof lines[0]?.['durationMs']).toBe('number');
    expect(JSON.stringify(logLines)).not.toContain(token);
  });

  it('serves Prometheus metrics: requests, latency per operation, subgraph fetches, errors by code, privacy decisions', async () => {
    const gateway = await gatewayWith({
      limits: { maxDepth: 3 },
      operator: { token: OPERATOR_TOKEN },
      trustedDocuments: { documents: new Map([[sha256Hex(PEOPLE), PEOPLE]]), safelist: 'off' },
    });
    await post(gateway.url, { query: PEOPLE });
    await post(gateway.url, { query: 'query Secrets { people { id secret } }' });
    await post(gateway.url, { query: 'query Deep { people { friends { friends { friends { id } } } } }' });
    // A client's alias and operation name are its own strings: neither becomes a label.
    await post(gateway.url, { query: 'query ClientChosenName1 { people { id s1: secret } }' });
    expect((await fetch(new URL('/metrics', gateway.url))).status).toBe(404);
    const response = await fetch(new URL('/metrics', gateway.url), { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/liangling_gateway_requests_total\{operation="People",status="200"\} 1/);
    expect(text).toMatch(/liangling_gateway_request_duration_seconds_bucket\{le="[\d.+Inf]+",operation="People"\} 1/);
    expect(text).toMatch(/liangling_gateway_subgraph_fetches_total\{subgraph="tickets",outcome="ok"\} 1/);
    expect(text).toMatch(/liangling_gateway_subgraph_fetch_duration_seconds_count\{subgraph="people"\} 3/);
    expect(text).toMatch(/liangling_gateway_errors_total\{code="MAX_DEPTH_EXCEEDED"\} 1/);
    expect(text).toMatch(/liangling_gateway_privacy_decisions_total\{outcome="DENY",field="Person.secret"\} 6/);
    expect(text).toMatch(/liangling_gateway_errors_total\{code="FORBIDDEN_FIELD"\} 6/);
    expect(text).toMatch(/liangling_gateway_requests_total\{operation="other",status="200"\} 2/);
    expect(text).not.toMatch(/ClientChosenName1|Secrets|s1/);
  });
});

describe('operations', () => {
  it('CORS: no origin in production unless configured; localhost in development', async () => {
    const production = await gatewayWith();
    const preflight = (url: string, origin: string) =>
      fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect((await preflight(production.url, 'http://localhost:5173')).headers.get('access-control-allow-origin')).toBeNull();
    const configured = await gatewayWith({ corsOrigins: ['https://app.example.gov.cn'] });
    expect((await preflight(configured.url, 'https://app.example.gov.cn')).headers.get('access-control-allow-origin')).toBe(
      'https://app.example.gov.cn',
    );
    expect((await preflight(configured.url, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const development = await gatewayWith({ development: true });
    expect((await preflight(development.url, 'http://localhost:5173')).headers.get('access-control-allow-origin')).toBe(
      'http://localhost:5173',
    );
  });

  it('CSRF: a simple GET request without a preflight header is refused', async () => {
    const gateway = await gatewayWith();
    const simple = await fetch(`${gateway.url}?query=${encodeURIComponent('{ people { id } }')}`);
    expect(simple.status).toBe(400);
    const preflighted = await fetch(`${gateway.url}?query=${encodeURIComponent('{ people { id } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(((await preflighted.json()) as any).data.people).toHaveLength(3);
  });

  it('introspection is off for anonymous callers in production, on for signed-in ones', async () => {
    const gateway = await gatewayWith();
    const anonymous = await post(gateway.url, { query: '{ __schema { queryType { name } } }' });
    expect(anonymous.body.errors[0].extensions.code).toBe('INTROSPECTION_DISABLED');
    const token = await tokenFor({ role: 'auditor', sub: 'a-1' });
    const signedIn = await post(gateway.url, { query: '{ __schema { queryType { name } } }' }, { authorization: `Bearer ${token}` });
    expect(signedIn.body.data.__schema.queryType.name).toBe('Query');
    const development = await gatewayWith({ development: true });
    expect((await post(development.url, { query: '{ __schema { queryType { name } } }' })).body.data.__schema.queryType.name).toBe('Query');
  });

  it('serves GraphiQL from its bundle: to everyone in development, in production only to staff and only when enabled', async () => {
    // A stand-in bundle: what is checked here is who gets which file; the real one runs in Chromium (examples/test/graphiql.test.ts).
    const assetsDir = mkdtempSync(join(tmpdir(), 'liangling-explorer-'));
    writeFileSync(join(assetsDir, 'page.js'), 'console.log("graphiql")');
    writeFileSync(join(assetsDir, 'page.css'), 'body {}');
    const development = await gatewayWith({ development: true, explorer: { assetsDir } });
    for (const path of ['/', '/explorer']) {
      const page = await fetch(new URL(path, development.url));
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<script src="/explorer/page.js"></script>');
      expect(html).not.toMatch(/(src|href)="https?:/);
      // Its own scripts only: nothing inline, nothing from elsewhere.
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
      expect(page.headers.get('content-security-policy')).not.toMatch(/script-src[^;]*unsafe/);
    }
    const script = await fetch(new URL('/explorer/page.js', development.url));
    expect([script.status, script.headers.get('content-type'), await script.text()]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      'console.log("graphiql")',
    ]);
    // Only the bundle's own files: nothing else of the folder, no path out of it.
    writeFileSync(join(assetsDir, 'secret.txt'), 'not served');
    for (const path of ['/explorer/secret.txt', '/explorer/..%2Fsecret.txt', '/explorer/json.worker.js'])
      expect((await fetch(new URL(path, development.url))).status).toBe(404);

    expect((await fetch(new URL('/explorer', (await gatewayWith({ development: true })).url))).status).toBe(404);
    expect((await fetch(new URL('/explorer', (await gatewayWith({ explorer: { assetsDir } })).url))).status).toBe(404);
    const staffOnly = await gatewayWith({ explorer: { assetsDir, staff: true } });
    const page = (authorization?: string) =>
      fetch(new URL('/explorer', staffOnly.url), authorization ? { headers: { authorization } } : {});
    expect((await page()).status).toBe(404);
    expect((await page('Bearer not-a-token')).status).toBe(404);
    expect((await page(`Bearer ${await tokenFor({ role: 'resident', sub: 'p-1' })}`)).status).toBe(404);
    expect((await page(`Bearer ${await tokenFor({ role: 'grid_worker', sub: 'gw-1', regions: ['r-1'] })}`)).status).toBe(200);
    expect((await fetch(new URL('/explorer/page.js', staffOnly.url))).status).toBe(404);
    rmSync(assetsDir, { recursive: true, force: true });
  });

  it('runs expensive operations one at a time: the next waits its turn, one past the queue is refused with OVERLOADED, light ones pass meanwhile', async () => {
    // PEOPLE is estimated at about a hundred objects: expensive here; one person by id is light.
    const gateway = await gatewayWith({ expensiveLane: { cost: 50, concurrency: 1, queue: 1, waitMs: 10_000 } });
    graph.tickets.behaviour.delayMs = 300;
    try {
      const finished: string[] = [];
      const heavy = (name: string) => post(gateway.url, { query: PEOPLE }).then((answer) => (finished.push(name), answer));
      const first = heavy('first');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = heavy('second');
      await new Promise((resolve) => setTimeout(resolve, 50));
      // One running, one waiting: a third finds the queue full.
      const third = await post(gateway.url, { query: PEOPLE });
      expect([third.status, third.body.errors[0].extensions.code, third.headers.get('retry-after')]).toEqual([503, 'OVERLOADED', '1']);
      const light = await post(gateway.url, { query: '{ people(first: 1) { id } }' });
      expect(light.body.data.people).toHaveLength(1);
      expect(finished).toEqual([]);
      const answers = await Promise.all([first, second]);
      for (const answer of answers) expect(answer.body.data.people[0].tickets).toHaveLength(1);
      expect(finished).toEqual(['first', 'second']);
    } finally {
      graph.tickets.behaviour.delayMs = 0;
    }
  });

  it('drains on stop: /ready turns 503 first, and a request in flight still gets its answer', async () => {
    const gateway = await gatewayWith({ shutdownDelayMs: 200 });
    expect(await (await fetch(new URL('/ready', gateway.url))).json()).toEqual({ ready: true });
    graph.tickets.behaviour.delayMs = 300;
    try {
      const inFlight = post(gateway.url, { query: PEOPLE });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const stopped = gateway.stop();
      const ready = await fetch(new URL('/ready', gateway.url));
      expect(ready.status).toBe(503);
      const answered = await inFlight;
      expect(answered.body.errors).toBeUndefined();
      expect(answered.body.data.people[0].tickets).toHaveLength(1);
      await stopped;
    } finally {
      graph.tickets.behaviour.delayMs = 0;
    }
  });
});
