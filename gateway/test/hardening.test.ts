import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  SUPERGRAPH_PATH,
  apiSchemaOf,
  audienceOf,
  buildContract,
  policiesOfSupergraph,
  signingKeyOf,
  type Caller,
} from '@liangling/schema';
import { startTestStack, type RunningStack } from '@liangling/stack';
import { SignJWT } from 'jose';
import {
  Kind,
  isInterfaceType,
  isObjectType,
  parse,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import pino from 'pino';
import { loadGatewayOperations } from '../src/config';
import { startGateway, type GatewayOptions, type RunningGateway } from '../src/gateway';
import { listSizesOf, measureOperation } from '../src/limits';
import { sha256Hex } from '../src/trusted-documents';

// The gateway as production configures it (`loadGatewayOperations` with production's defaults, the
// SDK's trusted documents), over the real departments and their seeded city, attacked through HTTP.

const ROOT = join(__dirname, '..', '..');
const MANIFEST = join(ROOT, 'sdk', 'src', 'generated', 'persisted-documents.json');
const GRID = 'r-210103-1-1-1';
const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', GRID];
const OPERATOR_TOKEN = randomBytes(32).toString('base64url');
const SUPERGRAPH = readFileSync(SUPERGRAPH_PATH, 'utf8');

let stack: RunningStack;
let gateway: RunningGateway;
const gateways: RunningGateway[] = [];
const logLines: Record<string, unknown>[] = [];

async function productionGateway(env: Record<string, string> = {}, options: Partial<GatewayOptions> = {}): Promise<RunningGateway> {
  const loaded = loadGatewayOperations(
    { LOG_LEVEL: 'info', OPERATOR_TOKEN, RATE_LIMIT_POINTS: '0', ...env },
    { development: false, trustedDocumentsPath: MANIFEST },
  );
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const running = await startGateway({
    ...loaded.operations,
    logger: pino({ level: 'info' }, logStream),
    supergraphSdl: SUPERGRAPH,
    auth: { secret: stack.keys.jwtSecret },
    callerKey: stack.keys.callerKey,
    subgraphUrls: stack.subgraphs,
    port: 0,
    ...options,
  });
  gateways.push(running);
  return running;
}

beforeAll(async () => {
  stack = await startTestStack();
  gateway = await productionGateway();
});

afterAll(async () => {
  await Promise.allSettled(gateways.map((running) => running.stop()));
  await stack?.stop();
});

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

async function post(url: string, body: unknown, token?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) };
}

const CALLERS: Record<string, Omit<Caller, 'regions'> & { regions?: readonly string[] }> = {
  partner: { role: 'partner', sub: 'k-water', organisation: 'org-water' },
  officer: { role: 'department_officer', sub: 'o-1', department: 'CITY_MANAGEMENT' },
  petitionsOfficer: { role: 'department_officer', sub: 'o-2', department: 'PETITIONS' },
  gridWorker: { role: 'grid_worker', sub: 'gw-1', regions: [GRID] },
  resident: { role: 'resident', sub: 'p-0000001', home: HOME },
  emergency: { role: 'department_officer', sub: 'o-3', department: 'EMERGENCY' },
};

const tokenOf = (name: keyof typeof CALLERS) => stack.token(CALLERS[name]!);

describe('introspection is the caller’s contract, however it is reached', () => {
  const api = apiSchemaOf(SUPERGRAPH);
  const policies = policiesOfSupergraph(SUPERGRAPH);
  const contractOf = (caller: Omit<Caller, 'regions'>): GraphQLSchema =>
    buildContract(
      api,
      policies,
      audienceOf({ ...caller, regions: [] }),
      caller.role === 'department_officer' ? caller.department : undefined,
    );
  const coordinatesOf = (schema: GraphQLSchema): string[] =>
    Object.values(schema.getTypeMap())
      .filter((type) => !type.name.startsWith('__') && (isObjectType(type) || isInterfaceType(type)))
      .flatMap((type) =>
        Object.keys((type as { getFields(): Record<string, unknown> }).getFields()).map((field) => `${type.name}.${field}`),
      )
      .sort();
  const answered = (schema: { types: { name: string; kind: string; fields: { name: string }[] | null }[] }): string[] =>
    schema.types
      .filter((type) => !type.name.startsWith('__') && (type.kind === 'OBJECT' || type.kind === 'INTERFACE'))
      .flatMap((type) => (type.fields ?? []).map((field) => `${type.name}.${field.name}`))
      .sort();

  const SCHEMA = '__schema { types { name kind fields(includeDeprecated: true) { name } } }';
  const TYPE = '__type(name: "Petition") { name fields(includeDeprecated: true) { name } }';
  const routes: [string, (selection: string) => string][] = [
    ['at the root', (selection) => `{ ${selection} }`],
    ['under an alias', (selection) => `{ a: ${selection} }`],
    ['through a named fragment', (selection) => `query { ...I } fragment I on Query { ${selection} }`],
    ['through an inline fragment', (selection) => `{ ... on Query { ${selection} } }`],
    [
      'through a fragment inside a fragment',
      (selection) => `query Q { ...A } fragment A on Query { ... on Query { ...B } } fragment B on Query { ${selection} }`,
    ],
  ];
  const dataOf = (body: any): any => Object.values(body.data ?? {})[0];

  it.each(Object.keys(CALLERS).filter((name) => name !== 'emergency'))(
    '%s: every route, and a batch of them, answers exactly the contract',
    async (name) => {
      const caller = CALLERS[name]!;
      const contract = contractOf(caller);
      const expected = coordinatesOf(contract);
      const petition = contract.getType('Petition');
      const expectedPetition = petition && isObjectType(petition) ? Object.keys(petition.getFields()).sort() : null;
      const token = await tokenOf(name);
      for (const [route, spell] of routes) {
        const schema = await post(gateway.url, { query: spell(SCHEMA) }, token);
        expect({ route, errors: schema.body.errors }).toEqual({ route, errors: undefined });
        expect(answered(dataOf(schema.body))).toEqual(expected);
        const type = await post(gateway.url, { query: spell(TYPE) }, token);
        const fields =
          dataOf(type.body)
            ?.fields?.map((field: { name: string }) => field.name)
            .sort() ?? null;
        expect({ route, fields }).toEqual({ route, fields: expectedPetition });
      }
      const batch = await post(
        gateway.url,
        routes.map(([, spell]) => ({ query: spell(SCHEMA) })),
        token,
      );
      expect(batch.body).toHaveLength(routes.length);
      for (const answer of batch.body) expect(answered(dataOf(answer))).toEqual(expected);
    },
  );

  it('the contracts differ where they must (the test above can fail)', () => {
    const publicFields = coordinatesOf(contractOf({ role: 'anonymous' }));
    const partner = coordinatesOf(contractOf(CALLERS['partner']!));
    expect(publicFields).not.toContain('Petition.petitioner');
    expect(coordinatesOf(api)).toContain('Petition.petitioner');
    expect(partner.length).toBeGreaterThan(publicFields.length);
    expect(coordinatesOf(api).length).toBeGreaterThan(partner.length);
  });

  it('anonymous callers are refused every route in production, and answered the public contract where allowed', async () => {
    for (const [route, spell] of routes) {
      for (const selection of [SCHEMA, TYPE]) {
        const response = await post(gateway.url, { query: spell(selection) });
        expect({ route, code: response.body.errors?.[0]?.extensions?.code, data: response.body.data ?? null }).toEqual({
          route,
          code: 'INTROSPECTION_DISABLED',
          data: null,
        });
      }
    }
    const batch = await post(
      gateway.url,
      routes.map(([, spell]) => ({ query: spell(SCHEMA) })),
    );
    for (const answer of batch.body) expect(answer.errors[0].extensions.code).toBe('INTROSPECTION_DISABLED');

    const open = await productionGateway({ ANONYMOUS_INTROSPECTION: 'true' });
    const expected = coordinatesOf(contractOf({ role: 'anonymous' }));
    for (const [, spell] of routes) {
      const response = await post(open.url, { query: spell(SCHEMA) });
      expect(answered(dataOf(response.body))).toEqual(expected);
      expect(dataOf((await post(open.url, { query: spell(TYPE) })).body)).toMatchObject({ name: 'Petition' });
    }
    expect(JSON.stringify((await post(open.url, { query: `query { ...I } fragment I on Query { ${SCHEMA} }` })).body)).not.toMatch(
      /petitioner|streamAddress|evidence/,
    );
  });

  it('introspection mixed with data is refused, not answered from the full schema', async () => {
    const token = await tokenOf('partner');
    const mixed = await post(gateway.url, { query: `query { regions(level: CITY) { id } ...I } fragment I on Query { ${SCHEMA} }` }, token);
    expect(mixed.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(mixed.body.data ?? null).toBeNull();
  });
});

/** Objects in a response, as the cost estimate counts them: every object below the root, list items each. */
function objectsIn(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + objectsIn(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Object.values(value).reduce((sum: number, child) => sum + objectsIn(child), 0);
}

describe('the cost estimate against reality', () => {
  const api = apiSchemaOf(SUPERGRAPH);
  const listSizes = listSizesOf(SUPERGRAPH);
  const estimate = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    const operation = document.definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    )!;
    return measureOperation(api, operation, { fragments, variables, listSizes, defaultListSize: 10 });
  };
  const day = 24 * 60 * 60 * 1000;
  const window = { from: new Date(Date.now() - 30 * day).toISOString(), to: new Date(Date.now() + day).toISOString() };

  const cases: [string, keyof typeof CALLERS, string, Record<string, unknown>][] = [
    ['devices with `first` left out (its default is 100)', 'gridWorker', '{ devices { edges { node { id kind } } } }', {}],
    ['a variable’s default', 'gridWorker', 'query($n: Int! = 300) { devices(first: $n) { edges { node { id } } } }', {}],
    [
      'a variable’s value',
      'gridWorker',
      'query($n: Int!) { devices(first: $n) { edges { node { id place { building { id } } } } } }',
      { n: 250 },
    ],
    [
      'a list sized by its declared default, and one without slicing arguments',
      'gridWorker',
      `{ regions(level: GRID) { id children { id } } }`,
      {},
    ],
    [
      'nested lists',
      'gridWorker',
      `{ residents(regionId: "${GRID}", first: 10) { edges { node { id household { members { id } } repairRequests(first: 5) { id timeline { at } } } } } }`,
      {},
    ],
    [
      'readings, paged by default',
      'emergency',
      'query($from: DateTimeISO!, $to: DateTimeISO!) { deviceReadings(kinds: [SMOKE_SENSOR, WATER_METER, GAS_DETECTOR, MANHOLE], from: $from, to: $to) { at device { id } } }',
      window,
    ],
    [
      'the usage of every water meter',
      'emergency',
      'query($from: DateTimeISO!, $to: DateTimeISO!) { deviceUsage(kind: WATER_METER, from: $from, to: $to) { total device { id } } }',
      window,
    ],
    [
      'a building’s households and devices',
      'gridWorker',
      `{ region(id: "${GRID}") { buildings(first: 2) { edges { node { id households { id members { id } } devices { id } openRequests { id } } } } } }`,
      {},
    ],
  ];

  it.each(cases)('never undercounts: %s', async (_name, who, query, variables) => {
    const measure = estimate(query, variables);
    expect(measure.undeclaredLists).toEqual([]);
    const response = await post(gateway.url, { query, variables }, await tokenOf(who));
    expect(response.body.errors).toBeUndefined();
    const actual = objectsIn(response.body.data) - 1;
    expect(actual).toBeGreaterThan(0);
    expect(measure.cost).toBeGreaterThanOrEqual(actual);
  });

  it('every composite list in the supergraph has a declared size or a slicing argument with a default (no silent 10)', () => {
    const silent: string[] = [];
    for (const type of Object.values(api.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        const named = field.type.toString().replace(/[[\]!]/g, '');
        const target = api.getType(named);
        const list = field.type.toString().includes('[');
        if (!list || !target || !(isObjectType(target) || isInterfaceType(target))) continue;
        if (type.name.endsWith('Connection') && field.name === 'edges') continue; // sized by the connection's `first`
        const declared = listSizes.get(`${type.name}.${field.name}`);
        const sliced = field.args.some((arg) => (arg.name === 'first' || arg.name === 'last') && arg.defaultValue !== undefined);
        if (!declared && !sliced) silent.push(`${type.name}.${field.name}`);
      }
    }
    expect(silent).toEqual([]);
  });

  it('refuses the emergency officer’s 20 root readings by cost, before any reading is read', async () => {
    const selections = Array.from(
      { length: 20 },
      (_, n) => `r${n}: deviceReadings(kinds: [WATER_METER], from: $from, to: $to) { at value device { id } }`,
    ).join(' ');
    const response = await post(
      gateway.url,
      { query: `query($from: DateTimeISO!, $to: DateTimeISO!) { ${selections} }`, variables: window },
      await tokenOf('emergency'),
    );
    expect(response.body.errors[0].extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', limit: 10_000, actual: 40_000 });
    expect(response.body.data ?? null).toBeNull();
  });

  it('refuses a page above the declared maximum at the source, and keeps the circuit closed for everyone', async () => {
    const token = await tokenOf('emergency');
    const query =
      'query($from: DateTimeISO!, $to: DateTimeISO!, $first: Int!) { deviceReadings(kinds: [WATER_METER], from: $from, to: $to, first: $first) { at } }';
    for (let n = 0; n < 7; n += 1) {
      const refused = await post(gateway.url, { query, variables: { ...window, first: 5000 } }, token);
      expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RESULT_TOO_LARGE', limit: 2000 });
    }
    const served = await post(gateway.url, { query, variables: { ...window, first: 5 } }, token);
    expect(served.body.errors).toBeUndefined();
    expect(served.body.data.deviceReadings.length).toBeLessThanOrEqual(5);
  });

  it('takes at most 2,500 rows from one department per request, whatever the estimate allows: the page that would cross it is refused before it is read', async () => {
    const token = await tokenOf('emergency');
    const pages = Array.from(
      { length: 5 },
      (_, n) => `r${n}: deviceReadings(kinds: [WATER_METER, SMOKE_SENSOR, CAMERA], from: $from, to: $to, first: 2000) { at }`,
    ).join(' ');
    const query = `query($from: DateTimeISO!, $to: DateTimeISO!) { ${pages} }`;
    // Within the gateway's allowance (every list assumed full)...
    expect(estimate(query, window).cost).toBeLessThanOrEqual(10_000);
    const answer = await post(gateway.url, { query, variables: window }, token);
    // ...but the department reserves each page before reading it: the first fits, the second would not.
    const refused = answer.body.errors.map((error: any) => [error.path[0], error.extensions.code, error.extensions.limit]);
    expect(refused).toEqual(expect.arrayContaining([['r1', 'RESULT_TOO_LARGE', 2500]]));
    expect(refused).toHaveLength(4);
    const rows = Object.values(answer.body.data ?? {}).reduce((sum: number, list: any) => sum + (list?.length ?? 0), 0);
    expect(rows).toBeLessThanOrEqual(2500);
    // The next request starts afresh, and the circuit is closed for everyone.
    const served = await post(
      gateway.url,
      {
        query:
          'query($from: DateTimeISO!, $to: DateTimeISO!) { deviceReadings(kinds: [WATER_METER], from: $from, to: $to, first: 5) { at } }',
        variables: window,
      },
      token,
    );
    expect(served.body.errors).toBeUndefined();
  });

  it('bounds Resident.repairRequests: 10 by default, at most 100, and older queries stay valid', async () => {
    const token = await tokenOf('gridWorker');
    const refused = await post(
      gateway.url,
      { query: `{ residents(regionId: "${GRID}", first: 2) { edges { node { repairRequests(first: 101) { id } } } } }` },
      token,
    );
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RESULT_TOO_LARGE', limit: 100 });
    const plain = await post(
      gateway.url,
      { query: `{ residents(regionId: "${GRID}", first: 50) { edges { node { repairRequests { id } } } } }` },
      token,
    );
    expect(plain.body.errors).toBeUndefined();
    for (const edge of plain.body.data.residents.edges) expect(edge.node.repairRequests.length).toBeLessThanOrEqual(10);
    const one = await post(
      gateway.url,
      { query: `{ residents(regionId: "${GRID}", first: 50) { edges { node { repairRequests(first: 1) { id } } } } }` },
      token,
    );
    for (const edge of one.body.data.residents.edges) expect(edge.node.repairRequests.length).toBeLessThanOrEqual(1);
  });

  it('sums a batch against one allowance', async () => {
    const token = await tokenOf('gridWorker');
    const heavy = { query: '{ regions(level: GRID) { id children { id } } }' };
    expect(estimate(heavy.query).cost).toBe(5100);
    const batch = await post(gateway.url, [heavy, heavy], token);
    // The operations run side by side: whichever is measured second is refused.
    const refused = batch.body.filter((answer: any) => answer.errors);
    expect(refused).toHaveLength(1);
    expect(refused[0].errors[0].extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', limit: 10_000, actual: 10_200 });
    // Each alone is within the allowance.
    expect((await post(gateway.url, heavy, token)).body.errors).toBeUndefined();
  });
});

describe('persisted documents', () => {
  const document = (tag: string) => `query Tag${tag} { regions(level: CITY) { id } }`;
  const register = (url: string, query: string, token?: string) =>
    post(url, { query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } } }, token);
  const byHash = (url: string, query: string, token?: string) =>
    post(url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } } }, token);

  it('in production only the trusted documents run by hash: registration is off', async () => {
    const query = document('Off');
    expect((await register(gateway.url, query, await tokenOf('partner'))).body.data.regions).toHaveLength(1);
    expect((await byHash(gateway.url, query)).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { operations: { id: string; body: string }[] };
    const trusted = manifest.operations.find((operation) => operation.body.startsWith('query Regions('))!;
    const served = await post(gateway.url, {
      extensions: { persistedQuery: { version: 1, sha256Hash: trusted.id } },
      variables: { level: 'CITY' },
    });
    expect(served.body.data.regions).toHaveLength(1);
  });

  it('where enabled: a credential, a byte bound that counts comments, and expiry', async () => {
    const enabled = await productionGateway({ APQ_REGISTRATION: 'signed-in', APQ_MAX_DOCUMENT_BYTES: '200', APQ_TTL_SECONDS: '1' });
    const token = await tokenOf('partner');
    const anonymous = document('Anonymous');
    await register(enabled.url, anonymous);
    expect((await byHash(enabled.url, anonymous)).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const padded = `${document('Padded')} # ${'x'.repeat(300)}`;
    await register(enabled.url, padded, token);
    expect((await byHash(enabled.url, padded, token)).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const small = document('Small');
    await register(enabled.url, small, token);
    expect((await byHash(enabled.url, small)).body.data.regions).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await byHash(enabled.url, small)).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('a hash that is not its document’s is BAD_REQUEST, logged without a stack', async () => {
    const before = logLines.length;
    const response = await post(gateway.url, {
      query: document('Mismatch'),
      extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    const odd = await post(gateway.url, {
      query: document('Version'),
      extensions: { persistedQuery: { version: 2, sha256Hash: 'a'.repeat(64) } },
    });
    expect(odd.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(logLines.slice(before))).not.toMatch(/stack|"level":50/);
  });
});

describe('tokens and claims', () => {
  const sign = (claims: Record<string, unknown>, lifetime: { iat?: number; exp?: number }) => {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('liangling')
      .setAudience('liangling-graph')
      .setSubject('x-1');
    if (lifetime.iat !== undefined) jwt.setIssuedAt(lifetime.iat);
    if (lifetime.exp !== undefined) jwt.setExpirationTime(lifetime.exp);
    return jwt.sign(signingKeyOf(stack.keys.jwtSecret).key);
  };
  const now = Math.floor(Date.now() / 1000);
  const query = { query: '{ regions(level: CITY) { id } }' };

  it.each([
    ['without exp', { role: 'auditor' }, { iat: now }],
    ['issued 400 days ago, valid for 401', { role: 'auditor' }, { iat: now - 400 * 86_400, exp: now + 86_400 }],
    ['valid for two days', { role: 'auditor' }, { exp: now + 2 * 86_400 }],
    [
      'a department on a community worker',
      { role: 'community_staff', department: 'PETITIONS', regions: [GRID] },
      { iat: now, exp: now + 600 },
    ],
    ['regions on a resident', { role: 'resident', regions: [GRID], home: HOME }, { iat: now, exp: now + 600 }],
    [
      'an organisation on an officer',
      { role: 'department_officer', department: 'PETITIONS', org: 'org-water' },
      { iat: now, exp: now + 600 },
    ],
  ])('refuses a token %s with UNAUTHENTICATED, fetching nothing', async (_name, claims, lifetime) => {
    const response = await post(gateway.url, query, await sign(claims, lifetime));
    expect(response.status).toBe(401);
    expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(response.body.data ?? null).toBeNull();
  });

  it('accepts the same roles with their own claims and a bounded life', async () => {
    for (const claims of [
      { role: 'community_staff', regions: [GRID] },
      { role: 'resident', home: HOME },
      { role: 'department_officer', department: 'PETITIONS' },
    ]) {
      const response = await post(gateway.url, query, await sign(claims, { iat: now, exp: now + 600 }));
      expect({ claims, status: response.status }).toEqual({ claims, status: 200 });
    }
  });

  it('a production gateway refuses a secret published in the repository: one line, exit code 2', async () => {
    // Asynchronously: a blocked event loop would stall the gateways this test file runs in-process.
    const child = spawn(
      process.execPath,
      ['-r', join(ROOT, 'scripts', 'register.js'), join(ROOT, 'gateway', 'src', 'bin', 'gateway.ts'), SUPERGRAPH_PATH],
      {
        env: {
          PATH: process.env['PATH'],
          NODE_ENV: 'production',
          PORT: '0',
          JWT_SECRET: 'compose-jwt-secret-change-me-0123456789abcdef',
          CALLER_CONTEXT_SECRET: randomBytes(32).toString('base64url'),
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(status).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^configuration: JWT_SECRET: .*set JWT_SECRET to a random secret/)]);
  });
});

describe('operator endpoints', () => {
  it('/metrics and the detailed /health need the operator’s credential on the API port, or the operator port', async () => {
    const base = new URL('/', gateway.url);
    expect((await fetch(new URL('/metrics', base))).status).toBe(404);
    expect(await (await fetch(new URL('/health', base))).json()).toEqual({ status: 'ok' });
    expect((await fetch(new URL('/metrics', base), { headers: { authorization: 'Bearer not-the-token' } })).status).toBe(404);
    const authorized = { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } };
    expect(await (await fetch(new URL('/metrics', base), authorized)).text()).toMatch(/liangling_gateway_requests_total/);
    expect(((await (await fetch(new URL('/health', base), authorized)).json()) as any).subgraphs.residents).toBe('ok');

    const separate = await productionGateway({}, { operator: { port: 0 } });
    expect(separate.operatorUrl).toBeDefined();
    await post(separate.url, { query: 'query ClientChosen { regions(level: CITY) { id } }' });
    const text = await (await fetch(new URL('/metrics', separate.operatorUrl))).text();
    expect(text).toMatch(/liangling_gateway_requests_total\{operation="other",status="200"\} 1/);
    expect(text).not.toContain('ClientChosen');
    expect(((await (await fetch(new URL('/health', separate.operatorUrl))).json()) as any).subgraphs.audit).toBe('ok');
    expect((await fetch(new URL('/metrics', separate.url), authorized)).status).toBe(404);
  });
});

describe('client errors and the HTTP edge', () => {
  it('deeply nested variables are BAD_USER_INPUT, with nothing logged as an error', async () => {
    const before = logLines.length;
    const nested = `{"query":"query($n: Int) { regions(level: CITY) { id } d: devices(first: $n) { edges { node { id } } } }","variables":{"n":${'['.repeat(2000)}1${']'.repeat(2000)}}}`;
    const response = await post(gateway.url, nested, await tokenOf('gridWorker'));
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(logLines.slice(before))).not.toMatch(/"level":50|stack/);
  });

  it('sets the security headers on every response', async () => {
    const base = new URL('/', gateway.url);
    const responses = [
      await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }),
      await fetch(new URL('/live', base)),
      await fetch(new URL('/nowhere', base)),
      await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }),
    ];
    for (const response of responses) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    }
  });

  it('closes a connection whose body does not arrive in time, and keeps serving others', async () => {
    const slow = await productionGateway({ REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '1000' });
    const { port } = new URL(slow.url);
    const socket = connect(Number(port), '127.0.0.1');
    const answered = new Promise<string>((resolve) => {
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
    });
    socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":');
    const started = Date.now();
    const received = await answered;
    expect(received).toMatch(/^HTTP\/1\.1 408|^$/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await post(slow.url, { query: '{ regions(level: CITY) { id } }' })).body.data.regions).toHaveLength(1);
  });
});
