import { beforeAll, describe, expect, it } from '@jest/globals';
import { CALLER_CONTEXT_HEADER, signCallerContext, type Caller } from '@liangling/schema';
import { postGraphQL, type GraphQLResponse } from '../src';
import { useTestStack } from '../src/jest';

// Tries, as each kind of caller, to reach personal data it must not see, by every route a client
// controls; asserts that no personal value comes back. Personal values in the seed are 11-digit
// mobile numbers, 18-digit ID numbers and Han names; the patterns below find any of them.
const GRID = 'r-210103-1-1-1';
const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', GRID];
const PHONE = /1[3-9]\d{9}/;
const ID_NUMBER = /\d{17}[\dX]/;

const stack = useTestStack();
let neighbourName: string;
let neighbourPhone: string;
let othersRequestId: string;

beforeAll(async () => {
  const staff = await stack().token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
  const known = await stack().query(
    '{ resident(id: "p-0000002") { name phone } residents(regionId: "r-210103-1-1-1", first: 50) { edges { node { id repairRequests { id } } } } }',
    { token: staff },
  );
  neighbourName = known.data!['resident'].name;
  neighbourPhone = known.data!['resident'].phone;
  const withRequest = known.data!['residents'].edges.find(
    (edge: any) => edge.node.id !== 'p-0000001' && edge.node.repairRequests.length > 0,
  );
  othersRequestId = withRequest.node.repairRequests[0].id;
});

/** Nothing personal about the neighbour anywhere in the response, errors included. */
function expectNoLeak(response: GraphQLResponse): void {
  const text = JSON.stringify(response);
  expect(text).not.toContain(neighbourName);
  expect(text).not.toContain(neighbourPhone);
  expect(text).not.toMatch(ID_NUMBER);
}

const resident = () => stack().token({ role: 'resident', sub: 'p-0000001', home: HOME });

describe('an anonymous caller', () => {
  it.each([
    ['an alias', '{ resident(id: "p-0000002") { n: name } }'],
    ['a fragment', '{ resident(id: "p-0000002") { ...F } } fragment F on Resident { name phone }'],
    ['an inline fragment', '{ resident(id: "p-0000002") { ... on Resident { idNumber } } }'],
    ['a variable', 'query($id: ID!) { resident(id: $id) { phone } }'],
    ['a nested path through another subgraph', `{ repairRequest(id: "RID") { submittedBy { name } } }`],
    [
      'the federation entry point',
      '{ _entities(representations: [{ __typename: "Resident", id: "p-0000002" }]) { ... on Resident { name } } }',
    ],
  ])('gets nothing through %s: the field is not in its schema', async (_route, query) => {
    const response = await stack().query(query.replace('RID', othersRequestId), { variables: { id: 'p-0000002' } });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expectNoLeak(response);
  });

  it('does not see personal fields or staff-only types through introspection', async () => {
    const response = await stack().query(
      '{ __type(name: "Resident") { fields { name } } __schema { types { name } queryType { fields { name } } } }',
    );
    expect(response.errors).toBeUndefined();
    const fields = response.data!['__type'].fields.map((field: any) => field.name);
    expect(fields).toContain('id');
    for (const hidden of ['name', 'phone', 'idNumber', 'birthDate', 'household', 'accessLog']) expect(fields).not.toContain(hidden);
    const types = response.data!['__schema'].types.map((type: any) => type.name);
    expect(types).not.toContain('AccessRecord');
    const roots = response.data!['__schema'].queryType.fields.map((field: any) => field.name);
    expect(roots).not.toContain('residents');
    expect(roots).not.toContain('auditTrail');
  });

  it('cannot slip a personal field into a batch of operations', async () => {
    const response = await fetch(stack().url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ regions(level: CITY) { name } }' }, { query: '{ resident(id: "p-0000002") { name } }' }]),
    });
    const body = await response.text();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(body).not.toContain(neighbourName);
  });
});

describe('a resident', () => {
  it('gets no neighbour’s data through aliases, fragments and variables mixed with their own', async () => {
    const response = await stack().query(
      `query($other: ID!) {
        mine: resident(id: "p-0000001") { own: idNumber }
        theirs: resident(id: $other) { ...Personal ... on Resident { again: phone } }
      }
      fragment Personal on Resident { nm: name idNumber birthDate }`,
      { token: await resident(), variables: { other: 'p-0000002' } },
    );
    expect(response.data!['mine'].own).toMatch(ID_NUMBER);
    // Not even that the neighbour exists: the same null as for an id no one has.
    expect(response.data!['theirs']).toBeNull();
    expectNoLeak({ status: response.status, errors: response.errors ?? [] });
  });

  it('gets nothing personal through another resident’s request and the entity it points to', async () => {
    const response = await stack().query(
      `{ repairRequest(id: "${othersRequestId}") { category description contactPhone submittedBy { id name phone } } }`,
      { token: await resident() },
    );
    const request = response.data!['repairRequest'];
    expect(request.category).toEqual(expect.any(String));
    expect(request.description).toBeNull();
    expect(request.contactPhone).toBeNull();
    // Who filed it is as personal as what it says: not even the submitter's id.
    expect(request.submittedBy).toBeNull();
    expect(response.errors?.map((error) => error.extensions?.['field'])).toContain('RepairRequest.submittedBy');
    expectNoLeak(response);
  });

  it('reads nothing from staff-only lists, refused before any subgraph is called', async () => {
    const response = await stack().query(`{ residents(regionId: "${GRID}") { edges { node { name } } } }`, { token: await resident() });
    expect(response.data!['residents']).toBeNull();
    expect(response.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN_FIELD');
    expectNoLeak(response);
  });
});

describe('a grid worker of another grid', () => {
  it('gets masks, never values, by any path', async () => {
    const token = await stack().token({ role: 'grid_worker', sub: 'gw-9', regions: ['r-210102-1-1-1'] });
    const response = await stack().query(
      `{ a: resident(id: "p-0000002") { name phone idNumber } b: repairRequest(id: "${othersRequestId}") { description contactPhone submittedBy { name } } }`,
      { token },
    );
    expect(response.data!['a'].name).toMatch(/^\p{Script=Han}\*\*$/u);
    expect(response.data!['b'].description).toBe('***');
    expectNoLeak(response);
  });
});

describe('a partner', () => {
  it('gets no resident data it has no request for', async () => {
    const token = await stack().token({ role: 'partner', sub: 'k-1', organisation: 'org-gas' });
    const response = await stack().query('{ resident(id: "p-0000002") { name phone idNumber } }', { token });
    expect(response.data!['resident']).toBeNull();
    expectNoLeak(response);
  });
});

describe('a subgraph called directly', () => {
  const entities = {
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { name phone idNumber } } }',
    variables: { r: [{ __typename: 'Resident', id: 'p-0000002' }] },
  };

  it('answers `_entities` with nothing personal for a caller context that does not allow it', async () => {
    // A valid context, as the gateway would sign it for an anonymous caller: the source still decides.
    const context = signCallerContext({ role: 'anonymous', regions: [] }, stack().keys.callerKey, {
      method: 'POST',
      body: JSON.stringify(entities),
    });
    const response = await postGraphQL<Record<string, any>>(stack().subgraphs['residents']!, entities, undefined, {
      [CALLER_CONTEXT_HEADER]: context,
    });
    expect(response.data!['_entities']).toEqual([null]);
    expectNoLeak(response);
  });

  it('refuses a caller context whose claims were edited after signing', async () => {
    const context = signCallerContext({ role: 'anonymous', regions: [] }, stack().keys.callerKey, {
      method: 'POST',
      body: JSON.stringify(entities),
    });
    const [header, , signature] = context.split('.');
    const elevated: Caller = { role: 'department_officer', department: 'CIVIL_AFFAIRS', regions: [GRID] };
    const payload = Buffer.from(
      JSON.stringify({ caller: elevated, iss: 'liangling-gateway', aud: 'liangling-subgraphs', exp: 9_999_999_999 }),
    ).toString('base64url');
    const response = await postGraphQL<Record<string, any>>(stack().subgraphs['residents']!, entities, undefined, {
      [CALLER_CONTEXT_HEADER]: `${header}.${payload}.${signature}`,
    });
    expect(response.status).toBe(401);
    expectNoLeak(response);
  });

  it('refuses an unsigned caller context', async () => {
    const payload = Buffer.from(
      JSON.stringify({ caller: { role: 'service', regions: [] }, iss: 'liangling-gateway', aud: 'liangling-subgraphs' }),
    ).toString('base64url');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    const response = await postGraphQL(stack().subgraphs['requests']!, { query: '{ __typename }' }, undefined, {
      [CALLER_CONTEXT_HEADER]: unsigned,
    });
    expect(response.status).toBe(401);
  });

  it('refuses the audit intake to anything but a department service', async () => {
    const body = JSON.stringify({ records: [] });
    const context = signCallerContext({ role: 'auditor', sub: 'a-1', regions: [] }, stack().keys.callerKey, { method: 'POST', body });
    const response = await fetch(new URL('/records', stack().subgraphs['audit']!), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_CONTEXT_HEADER]: context },
      body,
    });
    expect(response.status).toBe(401);
  });
});

describe('error messages', () => {
  it('name the field, never the value', async () => {
    const response = await stack().query(
      `{ repairRequest(id: "${othersRequestId}") { description contactPhone submittedBy { name phone } } }`,
      { token: await resident() },
    );
    for (const error of response.errors ?? []) {
      expect(error.message).not.toContain(neighbourName);
      expect(error.message).not.toMatch(PHONE);
    }
    expect(response.errors?.map((error) => error.extensions?.['field'])).toEqual(
      expect.arrayContaining(['RepairRequest.description', 'RepairRequest.contactPhone']),
    );
  });
});
