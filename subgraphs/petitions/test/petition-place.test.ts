import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateCity } from '@liangling/kit';
import { startTestStack, type GraphQLResponse, type RunningStack } from '@liangling/stack';

// Where a petition comes from is a clue to who filed it: the street and the list by place are for the
// petitions office and the early-warning engine, never for the department complained about.

const SEED_RESIDENTS = 800;
const city = generateCity({ residents: SEED_RESIDENTS });
const [here, there] = city.residents.filter((resident, n, all) => n === 0 || resident.regionPath[2] !== all[0]!.regionPath[2]);
const STREET = here!.regionPath[2]!;
const OTHER_STREET = there!.regionPath[2]!;
const petitionerName = here!.name;

let stack: RunningStack;
let office: string;
let targeted: string;
let engine: string;
let auditor: string;
let ids: { here: string; there: string };

beforeAll(async () => {
  stack = await startTestStack({ seedResidents: SEED_RESIDENTS });
  office = await stack.token({ role: 'department_officer', sub: 'o-1', department: 'PETITIONS' });
  targeted = await stack.token({ role: 'department_officer', sub: 'o-2', department: 'CITY_MANAGEMENT' });
  engine = await stack.token({ role: 'service', sub: 'early-warning', purpose: 'early-warning', scopes: ['petitions:read'] });
  auditor = await stack.token({ role: 'auditor', sub: 'a-1' });
  const submit = async (resident: typeof here, key: string) => {
    const token = await stack.token({ role: 'resident', sub: resident!.id, home: [...resident!.regionPath] });
    const response = await stack.query('mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) { id } }', {
      token,
      variables: {
        input: { subject: '夜市噪音', content: '夜市经营到凌晨，噪音扰民。', targetDepartment: 'CITY_MANAGEMENT', clientKey: key },
      },
    });
    expect(response.errors).toBeUndefined();
    return response.data!['submitPetition'].id as string;
  };
  ids = { here: await submit(here, 'place-1'), there: await submit(there, 'place-2') };
});
afterAll(async () => {
  await stack?.stop();
});

const LIST =
  'query($regionId: ID, $from: DateTimeISO) { petitions(regionId: $regionId, from: $from, first: 100) { edges { node { id region { id } } } } }';
const idsOf = (response: GraphQLResponse): string[] => response.data!['petitions'].edges.map((edge: any) => edge.node.id);

describe('petitions by place', () => {
  it('the petitions office lists a street’s petitions, each with its street', async () => {
    const response = await stack.query(LIST, { token: office, variables: { regionId: STREET } });
    expect(response.errors).toBeUndefined();
    expect(idsOf(response)).toContain(ids.here);
    expect(idsOf(response)).not.toContain(ids.there);
    for (const edge of response.data!['petitions'].edges) expect(edge.node.region).toEqual({ id: STREET });
    const other = await stack.query(LIST, { token: office, variables: { regionId: OTHER_STREET } });
    expect(idsOf(other)).toEqual(expect.arrayContaining([ids.there]));
    expect(idsOf(other)).not.toContain(ids.here);
  });

  it('the engine lists the city’s petitions of a period with their streets, and never their petitioner', async () => {
    const listed = await stack.query(LIST, {
      token: engine,
      variables: { regionId: 'r-2101', from: new Date(Date.now() - 3_600_000).toISOString() },
    });
    expect(listed.errors).toBeUndefined();
    const nodes = listed.data!['petitions'].edges.map((edge: any) => edge.node);
    expect(nodes.find((node: any) => node.id === ids.here)?.region).toEqual({ id: STREET });
    // Only the new ones: the seeded petitions are older than an hour.
    expect(nodes.map((node: any) => node.id).sort()).toEqual([ids.here, ids.there].sort());
    const petitioner = await stack.query('{ petitions(regionId: "r-2101", first: 100) { edges { node { id petitioner { id name } } } } }', {
      token: engine,
    });
    expect(JSON.stringify(petitioner)).not.toContain(here!.id);
    expect(JSON.stringify(petitioner)).not.toContain(petitionerName);
  });

  it('the department complained about may not list by place, and reads no street', async () => {
    const byPlace = await stack.query(LIST, { token: targeted, variables: { regionId: STREET } });
    expect(byPlace.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(byPlace.data?.['petitions'] ?? null).toBeNull();
    const all = await stack.query(LIST, { token: targeted, variables: {} });
    expect(all.errors).toBeUndefined();
    const mine = all
      .data!['petitions'].edges.map((edge: any) => edge.node)
      .filter((node: any) => node.id === ids.here || node.id === ids.there);
    expect(mine).toHaveLength(2);
    for (const node of mine) expect(node.region).toBeNull();
    expect(JSON.stringify(all)).not.toContain(STREET);
  });

  it('oversight reads no street and may not list by place either', async () => {
    const byPlace = await stack.query(LIST, { token: auditor, variables: { regionId: STREET } });
    // Selecting by where petitioners live is reading Petition.region, which oversight may not read.
    expect(byPlace.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_ARGUMENT', argument: 'regionId' });
    const one = await stack.query('query($id: ID!) { petition(id: $id) { id region { id } } }', {
      token: auditor,
      variables: { id: ids.here },
    });
    expect(one.data!['petition']).toEqual({ id: ids.here, region: null });
  });
});
