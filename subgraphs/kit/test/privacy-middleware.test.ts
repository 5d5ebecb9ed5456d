import { describe, expect, it } from '@jest/globals';
import { PRIVACY_DIRECTIVE_SDL, type Caller } from '@liangling/schema';
import { buildSchema, graphql } from 'graphql';
import { RevealLog } from '../src/audit/reveal-log';
import { applyPrivacy } from '../src/privacy/middleware';

// The kit's enforcement of arguments and item-by-item links, on a small schema of its own: what the
// resolvers are asked, what comes back, and what is logged for the access record.
const GRID = 'g-1';
const OTHER = 'g-2';
const people = [
  { id: 'p-1', grid: GRID, lowIncome: true, gender: 'F' },
  { id: 'p-2', grid: GRID, lowIncome: false, gender: 'M' },
  { id: 'p-3', grid: OTHER, lowIncome: true, gender: 'F' },
];
const requests = [
  { id: 'r-1', by: 'p-1', grid: GRID },
  { id: 'r-2', by: 'p-1', grid: OTHER },
];

function build(calls: string[]) {
  const schema = buildSchema(`${PRIVACY_DIRECTIVE_SDL}
      type Query {
        people(filter: Filter): [Person!]
        requestsOf(id: ID!): [Request!] @sensitive(level: PERSONAL, mask: NULL, owner: "by", each: true)
      }
      input Filter {
        lowIncome: Boolean @sensitive(level: SENSITIVE, mask: NULL, owner: "id")
        gender: Gender @sensitive(level: PERSONAL, mask: NULL, owner: "id")
      }
      enum Gender { F M }
      type Person { id: ID! }
      type Request { id: ID! }`);
  const query = schema.getQueryType()!.getFields();
  query['people']!.resolve = (_source, args: { filter?: { lowIncome?: boolean; gender?: string } }) => {
    calls.push('people');
    return people.filter(
      (person) =>
        (args.filter?.lowIncome === undefined || person.lowIncome === args.filter.lowIncome) &&
        (args.filter?.gender === undefined || person.gender === args.filter.gender),
    );
  };
  query['requestsOf']!.resolve = () => {
    calls.push('requestsOf');
    return requests;
  };
  return applyPrivacy(schema, {
    department: 'TEST',
    scopes: {
      Person: (row: (typeof people)[number]) => ({ subjectIds: [row.id], regionPath: [row.grid] }),
      Request: (row: (typeof requests)[number]) => ({ subjectIds: [row.by], regionPath: [row.grid] }),
    },
  });
}

async function run(caller: Caller, source: string) {
  const calls: string[] = [];
  const reveals = new RevealLog();
  const result = await graphql({ schema: build(calls), source, contextValue: { caller, reveals } });
  return { result, calls, reveals };
}

describe('applyPrivacy: arguments are reads', () => {
  it('refuses an argument the caller could read on no row with FORBIDDEN_ARGUMENT, before the resolver runs', async () => {
    const { result, calls, reveals } = await run(
      { role: 'grid_worker', regions: [GRID] },
      '{ people(filter: { lowIncome: true }) { id } }',
    );
    expect(result.data).toEqual({ people: null });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_ARGUMENT', argument: 'filter.lowIncome' });
    expect(calls).toEqual([]);
    expect(reveals.reveals).toEqual([]);
  });

  it('returns only the rows whose tested value the caller may read, each logged as found by filter', async () => {
    const { result, reveals } = await run({ role: 'grid_worker', regions: [GRID] }, '{ people(filter: { gender: F }) { id } }');
    // p-3 matches too, but lives in another grid: never selected.
    expect(result.data).toEqual({ people: [{ id: 'p-1' }] });
    expect(reveals.reveals.map(({ typeName, field, entityId, means }) => ({ typeName, field, entityId, means }))).toEqual([
      { typeName: 'Person', field: 'gender', entityId: 'p-1', means: 'filter' },
    ]);
  });

  it('leaves a query without the argument alone', async () => {
    const { result, reveals } = await run({ role: 'grid_worker', regions: [GRID] }, '{ people { id } }');
    expect(result.data).toEqual({ people: [{ id: 'p-1' }, { id: 'p-2' }, { id: 'p-3' }] });
    expect(reveals.reveals).toEqual([]);
  });
});

describe('applyPrivacy: links decided item by item', () => {
  it('keeps only the items the caller may see, each logged as a link', async () => {
    const { result, reveals } = await run({ role: 'grid_worker', regions: [GRID] }, '{ requestsOf(id: "p-1") { id } }');
    expect(result.data).toEqual({ requestsOf: [{ id: 'r-1' }] });
    expect(reveals.reveals.map(({ field, entityId, means }) => ({ field, entityId, means }))).toEqual([
      { field: 'requestsOf', entityId: 'r-1', means: 'link' },
    ]);
  });

  it('refuses the list whole to a caller who could see no item, before the resolver runs', async () => {
    const { result, calls } = await run({ role: 'anonymous', regions: [] }, '{ requestsOf(id: "p-1") { id } }');
    expect(result.data).toEqual({ requestsOf: null });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_FIELD' });
    expect(calls).toEqual([]);
  });
});

describe('applyPrivacy: a row decided once, not once per field', () => {
  // Three protected fields of one level and one of another, on every row of a page.
  const SDL = `${PRIVACY_DIRECTIVE_SDL}
      type Query { page: [Person!]! }
      type Person {
        id: ID!
        name: String @sensitive(level: PERSONAL, mask: NULL, owner: "id")
        phone: String @sensitive(level: PERSONAL, mask: NULL, owner: "id")
        address: String @sensitive(level: PERSONAL, mask: NULL, owner: "id")
        care: String @sensitive(level: SENSITIVE, mask: NULL, owner: "id")
      }`;
  const rows = [
    { id: 'p-1', grid: GRID, name: '王', phone: '1', address: 'a', care: 'c' },
    { id: 'p-2', grid: OTHER, name: '李', phone: '2', address: 'b', care: 'd' },
  ];
  const PAGE = '{ page { id name phone address care } }';

  function page(scope: (row: (typeof rows)[number], field: string) => { subjectIds: string[]; regionPath: string[] }) {
    const schema = buildSchema(SDL);
    schema.getQueryType()!.getFields()['page']!.resolve = () => rows.map((row) => ({ ...row }));
    return applyPrivacy(schema, { department: 'TEST', scopes: { Person: scope } });
  }

  it('asks a scope that reads no field once per row, and decides each field as before', async () => {
    const asked: string[] = [];
    const schema = page((row) => {
      asked.push(row.id);
      return { subjectIds: [row.id], regionPath: [row.grid] };
    });
    const reveals = new RevealLog();
    const caller: Caller = { role: 'grid_worker', regions: [GRID] };
    const result = await graphql({ schema, source: PAGE, contextValue: { caller, reveals } });
    expect(asked).toEqual(['p-1', 'p-2']);
    // The grid's own resident: personal fields revealed, the care field masked (no grant); the other
    // grid's: masked, as a grid worker's clearance gives outside their grids.
    expect(result.data).toEqual({
      page: [
        { id: 'p-1', name: '王', phone: '1', address: 'a', care: null },
        { id: 'p-2', name: null, phone: null, address: null, care: null },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(reveals.reveals.map(({ entityId, field }) => `${entityId}.${field}`)).toEqual(['p-1.name', 'p-1.phone', 'p-1.address']);
  });

  it('asks a scope that reads the field once per row and field', async () => {
    const asked: string[] = [];
    const schema = page((row, field) => {
      asked.push(`${row.id}.${field}`);
      // The care field has its own audience: no region reaches it.
      return { subjectIds: [row.id], regionPath: field === 'care' ? [] : [row.grid] };
    });
    const caller: Caller = { role: 'grid_worker', regions: [GRID] };
    const result = await graphql({ schema, source: PAGE, contextValue: { caller, reveals: new RevealLog() } });
    expect(asked).toHaveLength(8);
    expect(new Set(asked).size).toBe(8);
    expect((result.data?.['page'] as { name: string | null }[]).map((row) => row.name)).toEqual(['王', null]);
  });

  it('decides again for another caller of the same row objects', async () => {
    const shared = rows.map((row) => ({ ...row }));
    const schema = buildSchema(SDL);
    schema.getQueryType()!.getFields()['page']!.resolve = () => shared;
    const privacy = applyPrivacy(schema, {
      department: 'TEST',
      scopes: { Person: (row: (typeof rows)[number]) => ({ subjectIds: [row.id], regionPath: [row.grid] }) },
    });
    const ask = async (caller: Caller) =>
      (await graphql({ schema: privacy, source: '{ page { name } }', contextValue: { caller, reveals: new RevealLog() } })).data;
    expect(await ask({ role: 'grid_worker', regions: [GRID] })).toEqual({ page: [{ name: '王' }, { name: null }] });
    expect(await ask({ role: 'grid_worker', regions: [OTHER] })).toEqual({ page: [{ name: null }, { name: '李' }] });
    expect(await ask({ role: 'resident', sub: 'p-2', regions: [] })).toEqual({ page: [{ name: null }, { name: '李' }] });
  });
});
