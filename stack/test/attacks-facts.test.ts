import { beforeAll, describe, expect, it } from '@jest/globals';
import { postGraphQL, type GraphQLResponse } from '../src';
import { useTestStack } from '../src/jest';

// Facts, not only fields (privacy.md; docs/privacy-threat-model.md): each test is the query an
// outsider with an ordinary dev token would send to learn a fact without selecting the field that
// states it, through the gateway's real HTTP path. Each asserts that nothing is learned, and that what
// a legitimate caller learned the same way left an access record saying how.
const CITY = 'r-2101';
const COMMUNITY = 'r-210103-1-1';
const GRID = 'r-210103-1-1-1';
const OTHER_GRID = 'r-210102-1-1-1';
const HOME = ['r-2101', 'r-210103', 'r-210103-1', COMMUNITY, GRID];

interface Person {
  id: string;
  name: string;
  phone: string;
  idNumber: string;
  birthDate: string;
  gender: string;
  lowIncome: boolean;
  repairRequests: { id: string }[];
  household: { building: { id: string } };
}

const stack = useTestStack();
/** Residents of GRID as their own grid worker on a care visit sees them: the ground truth attacks aim at. */
let people: Person[];
let auditor: string;

beforeAll(async () => {
  const truth = await stack().token({ role: 'grid_worker', sub: 'gw-truth', regions: [GRID], purpose: 'care-visit' });
  const response = await stack().query(
    `{ residents(regionId: "${GRID}", first: 100) { edges { node { id name phone idNumber birthDate gender lowIncome repairRequests { id } household { building { id } } } } } }`,
    { token: truth },
  );
  expect(response.errors).toBeUndefined();
  people = response.data!['residents'].edges.map((edge: any) => edge.node);
  auditor = await stack().token({ role: 'auditor', sub: 'aud-facts' });
});

const filedRequests = () => people.find((person) => person.id !== 'p-0000001' && person.repairRequests.length > 0)!;

/** Access records of one actor, newest first, as the supervision office reads them. */
async function recordsOf(actorSub: string): Promise<any[]> {
  const response = await stack().query(
    'query($sub: String) { auditTrail(filter: { actorSub: $sub }, first: 100) { edges { node { subgraph typeName means fields entityIds purpose requestId correlationId } } } }',
    { token: auditor, variables: { sub: actorSub } },
  );
  expect(response.errors).toBeUndefined();
  return response.data!['auditTrail'].edges.map((edge: any) => edge.node);
}

/** No resident id, name, phone or ID number of the grid anywhere in the response, errors included. */
function expectNothingAboutPeople(response: GraphQLResponse, who: readonly Person[] = people): void {
  const text = JSON.stringify(response);
  for (const person of who) {
    expect(text).not.toContain(`"${person.id}"`);
    expect(text).not.toContain(person.name);
    expect(text).not.toContain(person.phone);
    expect(text).not.toContain(person.idNumber);
  }
}

describe('arguments are reads', () => {
  it('a grid worker without a care purpose cannot learn who is low-income by filtering and selecting only ids', async () => {
    const token = await stack().token({ role: 'grid_worker', sub: 'gw-filter', regions: [GRID] });
    const response = await stack().query(`{ residents(regionId: "${GRID}", filter: { lowIncome: true }) { edges { node { id } } } }`, {
      token,
    });
    expect(response.data?.['residents'] ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_ARGUMENT', argument: 'filter.lowIncome' });
    expectNothingAboutPeople(response);
    // Refused before anything was read: nothing was revealed, so nothing was recorded.
    expect(await recordsOf('gw-filter')).toEqual([]);
  });

  it('a care-visit purpose does not open the filter: no visit covers a whole grid, so nothing is selected by it', async () => {
    const token = await stack().token({ role: 'grid_worker', sub: 'gw-care', regions: [GRID], purpose: 'care-visit' });
    const response = await stack().query(
      `{ residents(regionId: "${GRID}", first: 100, filter: { lowIncome: true }) { edges { node { id } } } }`,
      { token },
    );
    expect(response.data?.['residents'] ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_ARGUMENT', argument: 'filter.lowIncome' });
    expectNothingAboutPeople(response);
    expect(await recordsOf('gw-care')).toEqual([]);
  });

  it('a filter on what the grid worker may read finds exactly those residents, each recorded as found by filter', async () => {
    const token = await stack().token({ role: 'grid_worker', sub: 'gw-gender', regions: [GRID] });
    const response = await stack().query(
      `{ residents(regionId: "${GRID}", first: 100, filter: { gender: FEMALE }) { edges { node { id } } } }`,
      { token },
    );
    expect(response.errors).toBeUndefined();
    const found = response.data!['residents'].edges.map((edge: any) => edge.node.id).sort();
    expect(found).toEqual(
      people
        .filter((person) => person.gender === 'FEMALE')
        .map((person) => person.id)
        .sort(),
    );
    expect(found.length).toBeGreaterThan(0);
    const records = await recordsOf('gw-gender');
    expect(records).toEqual(expect.arrayContaining([expect.objectContaining({ typeName: 'Resident', means: 'filter', entityIds: found })]));
    expect(records.some((record: any) => record.means === 'filter' && record.fields.includes('gender'))).toBe(true);
    // And the resident sees it in their own access log, in plain words.
    const subject = found[0]!;
    const own = await stack().query('{ me { accessLog(first: 20) { edges { node { means fields actor summary } } } } }', {
      token: await stack().token({ role: 'resident', sub: subject, home: HOME }),
    });
    const entries = own.data!['me'].accessLog.edges.map((edge: any) => edge.node);
    const entry = entries.find((node: any) => node.means === 'filter' && node.fields.includes('gender'));
    expect(entry).toMatchObject({ actor: 'gw***' });
    expect(entry.summary).toMatch(/^A grid worker \(gw\*\*\*\) learned .*gender.* of a Resident on .+, by filtering a list on it\.$/);
  });

  it('an auditor cannot rebuild a phone number from prefix searches: the argument is refused, whatever would match', async () => {
    const target = people[1]!;
    const tries = [target.phone.slice(0, 3), target.phone.slice(0, 7), target.phone, '10000000000'];
    const responses = await Promise.all(
      tries.map((text) =>
        stack().query('query($text: String!) { searchResidents(text: $text) { id } }', { token: auditor, variables: { text } }),
      ),
    );
    for (const response of responses) {
      expect(response.data?.['searchResidents'] ?? null).toBeNull();
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_ARGUMENT', argument: 'text' });
      expectNothingAboutPeople(response);
    }
    // A prefix that matches and one that matches nothing give the same answer.
    expect(responses[1]).toEqual(responses[3]);
  });

  it('a grid worker of another grid finds no one of this grid by their phone prefix', async () => {
    const token = await stack().token({ role: 'grid_worker', sub: 'gw-elsewhere', regions: [OTHER_GRID] });
    const target = people[1]!;
    const response = await stack().query('query($text: String!) { searchResidents(text: $text) { id } }', {
      token,
      variables: { text: target.phone.slice(0, 7) },
    });
    expect(response.errors).toBeUndefined();
    expectNothingAboutPeople(response);
  });

  it('the department a petition is about cannot list petitions by where petitioners live; the petitions office can, recorded as found by filter on region', async () => {
    const query = `{ petitions(regionId: "${CITY}", first: 5) { edges { node { id } } } }`;
    const targeted = await stack().query(query, {
      token: await stack().token({ role: 'department_officer', sub: 'o-target', department: 'CITY_MANAGEMENT' }),
    });
    expect(targeted.data?.['petitions'] ?? null).toBeNull();
    expect(targeted.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const office = await stack().query(query, {
      token: await stack().token({ role: 'department_officer', sub: 'o-region', department: 'PETITIONS' }),
    });
    expect(office.errors).toBeUndefined();
    const ids = office.data!['petitions'].edges.map((edge: any) => edge.node.id).sort();
    expect(ids.length).toBeGreaterThan(0);
    expect(await recordsOf('o-region')).toEqual([
      expect.objectContaining({ subgraph: 'petitions', typeName: 'Petition', means: 'filter', fields: ['region'], entityIds: ids }),
    ]);
  });

  it('a grid worker’s own search is recorded as found by search on name and phone', async () => {
    const token = await stack().token({ role: 'grid_worker', sub: 'gw-search', regions: [GRID] });
    const target = people[2]!;
    const response = await stack().query('query($text: String!) { searchResidents(text: $text) { id } }', {
      token,
      variables: { text: target.phone },
    });
    expect(response.data!['searchResidents']).toEqual([{ id: target.id }]);
    expect(await recordsOf('gw-search')).toEqual([
      expect.objectContaining({ typeName: 'Resident', means: 'search', fields: ['name', 'phone'], entityIds: [target.id] }),
    ]);
  });
});

describe('links and ids are data', () => {
  it('an anonymous caller learns nothing from a resident id: one that exists and one that does not look the same', async () => {
    const real = await stack().query(`{ resident(id: "${people[1]!.id}") { id } }`);
    const none = await stack().query('{ resident(id: "p-9999999") { id } }');
    expect(real.data).toEqual({ resident: null });
    expect(real).toEqual(none);
  });

  it('an anonymous caller cannot read a resident’s repair history by enumerating ids', async () => {
    const target = filedRequests();
    const response = await stack().query(`{ resident(id: "${target.id}") { id repairRequests { id category } } }`);
    expect(response.data?.['resident'] ?? null).toBeNull();
    for (const request of target.repairRequests) expect(JSON.stringify(response)).not.toContain(request.id);
  });

  it('an anonymous caller cannot tie resident ids to buildings through a building’s open requests', async () => {
    const building = filedRequests().household.building.id;
    const response = await stack().query(`{ building(id: "${building}") { openRequests { id submittedBy { id } } } }`);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expectNothingAboutPeople(response);
    // What is public about the building still is: its open requests, without who filed them.
    const open = await stack().query(`{ building(id: "${building}") { openRequests { id category } } }`);
    expect(open.errors).toBeUndefined();
    expectNothingAboutPeople(open);
  });

  it('another resident gets nobody’s requests, and no submitter, by id', async () => {
    const token = await stack().token({ role: 'resident', sub: 'p-0000001', home: HOME });
    const target = filedRequests();
    const response = await stack().query(
      `{ resident(id: "${target.id}") { repairRequests { id } } repairRequest(id: "${target.repairRequests[0]!.id}") { id submittedBy { id } } }`,
      { token },
    );
    expect(response.data!['resident']).toBeNull();
    expect(response.data!['repairRequest'].submittedBy).toBeNull();
    expectNothingAboutPeople(response, [target]);
  });

  it('an officer of another department cannot learn who petitioned through Resident.petitions; the petitions office can, and it is logged like Petition.petitioner', async () => {
    const petitions = await stack().query(`{ petitions(first: 5) { edges { node { id petitioner { id } } } } }`, {
      token: await stack().token({ role: 'department_officer', sub: 'o-pet', department: 'PETITIONS' }),
    });
    expect(petitions.errors).toBeUndefined();
    const petitioner = petitions.data!['petitions'].edges[0].node.petitioner.id;
    const query = `{ resident(id: "${petitioner}") { petitions { id } } }`;
    const other = await stack().query(query, {
      token: await stack().token({ role: 'department_officer', sub: 'o-cm', department: 'CITY_MANAGEMENT' }),
    });
    expect(other.data?.['resident']?.['petitions'] ?? null).toBeNull();
    expect(['FORBIDDEN_FIELD', 'GRAPHQL_VALIDATION_FAILED']).toContain(other.errors?.[0]?.extensions?.['code']);
    for (const edge of petitions.data!['petitions'].edges) expect(JSON.stringify(other)).not.toContain(edge.node.id);
    expect((await recordsOf('o-cm')).filter((record) => record.subgraph === 'petitions')).toEqual([]);

    const office = await stack().query(query, {
      token: await stack().token({ role: 'department_officer', sub: 'o-pet2', department: 'PETITIONS' }),
    });
    expect(office.errors).toBeUndefined();
    const ids = office.data!['resident'].petitions.map((petition: any) => petition.id).sort();
    expect(ids.length).toBeGreaterThan(0);
    expect(await recordsOf('o-pet2')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subgraph: 'petitions', typeName: 'Resident', means: 'link', fields: ['petitions'], entityIds: ids }),
      ]),
    );
  });

  it('following a link to a submitter is recorded as a link', async () => {
    const token = await stack().token({ role: 'grid_worker', sub: 'gw-link', regions: [GRID] });
    const request = filedRequests().repairRequests[0]!.id;
    const response = await stack().query(`{ repairRequest(id: "${request}") { submittedBy { id } } }`, { token });
    expect(response.data!['repairRequest'].submittedBy).toEqual({ id: filedRequests().id });
    expect(await recordsOf('gw-link')).toEqual([
      expect.objectContaining({
        subgraph: 'requests',
        typeName: 'RepairRequest',
        means: 'link',
        fields: ['submittedBy'],
        entityIds: [request],
      }),
    ]);
  });
});

describe('minimum listing', () => {
  it.each([
    ['an officer', { role: 'department_officer' as const, sub: 'o-list', department: 'CITY_MANAGEMENT' }, CITY],
    ['the auditor', { role: 'auditor' as const, sub: 'aud-list' }, CITY],
    ['a grid worker, beyond their grid', { role: 'grid_worker' as const, sub: 'gw-list', regions: [GRID] }, COMMUNITY],
    ['community staff, in another community', { role: 'community_staff' as const, sub: 'cs-list', regions: ['r-210102-1-1'] }, GRID],
  ])('%s cannot page through residents', async (_who, caller, regionId) => {
    const response = await stack().query(`{ residents(regionId: "${regionId}", first: 100) { edges { node { id phone } } } }`, {
      token: await stack().token(caller),
    });
    expect(response.data?.['residents'] ?? null).toBeNull();
    expect(['FORBIDDEN', 'FORBIDDEN_ARGUMENT', 'FORBIDDEN_FIELD']).toContain(response.errors?.[0]?.extensions?.['code']);
    expectNothingAboutPeople(response);
  });

  it('an officer of another department and the auditor page through no volunteers either', async () => {
    const query = `{ volunteers(regionId: "${CITY}", first: 100) { edges { node { id resident { id } } } pageInfo { endCursor } } }`;
    const officer = await stack().query(query, {
      token: await stack().token({ role: 'department_officer', sub: 'o-vol', department: 'CITY_MANAGEMENT' }),
    });
    // Each row is decided as reading where that volunteer lives: none is the officer's to know.
    expect(officer.errors).toBeUndefined();
    expect(officer.data!['volunteers'].edges).toEqual([]);
    // Not even through the cursor, which encodes the key of the page's last row.
    expect(officer.data!['volunteers'].pageInfo.endCursor).toBeNull();
    const audit = await stack().query(query, { token: auditor });
    expect(audit.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_ARGUMENT', argument: 'regionId' });
    expectNothingAboutPeople(officer);
    expectNothingAboutPeople(audit);
  });

  it('community staff list their own community, recorded as found by filter on where each lives', async () => {
    const response = await stack().query(`{ residents(regionId: "${GRID}", first: 5) { edges { node { id } } } }`, {
      token: await stack().token({ role: 'community_staff', sub: 'cs-own', regions: [COMMUNITY] }),
    });
    expect(response.errors).toBeUndefined();
    const ids = response.data!['residents'].edges.map((edge: any) => edge.node.id).sort();
    expect(ids).toHaveLength(5);
    expect(await recordsOf('cs-own')).toEqual([expect.objectContaining({ means: 'filter', fields: ['household'], entityIds: ids })]);
  });
});

describe('masks reveal nothing else', () => {
  it('staff of another grid learn neither sex nor birth date from a masked ID number or birth date', async () => {
    const token = await stack().token({ role: 'grid_worker', sub: 'gw-mask', regions: [OTHER_GRID] });
    const target = people[3]!;
    const response = await stack().query(`{ resident(id: "${target.id}") { idNumber birthDate gender elderly } }`, { token });
    expect(response.errors).toBeUndefined();
    const seen = response.data!['resident'];
    // The city of registration only: the 17th digit (sex) and the check character (a function of the
    // birth date) are gone, as is every part of the birth date.
    expect(seen).toEqual({ idNumber: `${target.idNumber.slice(0, 4)}${'*'.repeat(14)}`, birthDate: '***', gender: null, elderly: null });
    expect(JSON.stringify(response)).not.toContain(target.birthDate.slice(0, 4));
  });
});

describe('the audit records every fact learned', () => {
  it('under the gateway’s own request id, a client’s x-request-id kept apart as a hint', async () => {
    const token = await stack().token({ role: 'grid_worker', sub: 'gw-reqid', regions: [GRID] });
    const response = await postGraphQL(stack().url, { query: `{ resident(id: "${people[0]!.id}") { name } }` }, token, {
      'x-request-id': 'chosen-by-client',
    });
    expect(response.errors).toBeUndefined();
    const [record] = await recordsOf('gw-reqid');
    expect(record).toMatchObject({ means: 'read', fields: ['name'], correlationId: 'chosen-by-client' });
    expect(record.requestId).not.toBe('chosen-by-client');
    expect(record.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('contracts show no hidden structure', () => {
  it('an anonymous caller’s introspection shows no mutation, no staff input and no description naming a hidden field', async () => {
    const response = await stack().query(
      '{ __schema { mutationType { name } types { name description fields { name description } inputFields { name } } } }',
    );
    expect(response.errors).toBeUndefined();
    const schema = response.data!['__schema'];
    expect(schema.mutationType).toBeNull();
    const names = schema.types.map((type: any) => type.name);
    for (const hidden of [
      'RegisterResidentInput',
      'SubmitRepairRequestInput',
      'RaiseAlertInput',
      'ResidentFilter',
      'AuditFilter',
      'AccessRecord',
    ])
      expect(names).not.toContain(hidden);
    const text = JSON.stringify(schema);
    for (const hidden of ['Household.members', 'Petition.petitioner', 'idNumber', '@sensitive']) expect(text).not.toContain(hidden);
  });
});
