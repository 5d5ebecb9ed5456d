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
