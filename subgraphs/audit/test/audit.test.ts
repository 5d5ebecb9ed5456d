import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, type TestStack } from '@liangling/stack';

const GRID = 'r-210103-1-1-1';
const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', GRID];

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const auditorToken = () => stack.token({ role: 'auditor', sub: 'aud-1' });

async function trail(filter: Record<string, unknown>, first = 50) {
  const response = await stack.query(
    'query($filter: AuditFilter, $first: Int) { auditTrail(filter: $filter, first: $first) { edges { node { seq subgraph actorRole actorSub purpose typeName means fields entityIds requestId correlationId } } } }',
    { token: await auditorToken(), variables: { filter, first } },
  );
  expect(response.errors).toBeUndefined();
  return response.data!['auditTrail'].edges.map((edge: any) => edge.node);
}

describe('access records', () => {
  it('record every reveal of personal data, with who, what, why and the request, in one record per type and request', async () => {
    const token = await stack.token({ role: 'grid_worker', sub: 'gw-audit', regions: [GRID], purpose: 'care-visit' });
    const response = await stack.query(
      `{ residents(regionId: "${GRID}", first: 15) { edges { node { id name phone repairRequests { description } } } } }`,
      { token },
    );
    expect(response.errors).toBeUndefined();
    const ids = response.data!['residents'].edges.map((edge: any) => edge.node.id).sort();
    const records = await trail({ actorSub: 'gw-audit' });
    const residentRecords = records.filter((record: any) => record.typeName === 'Resident' && record.subgraph === 'residents');
    const read = residentRecords.filter((record: any) => record.means === 'read');
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ subgraph: 'residents', actorRole: 'grid_worker', purpose: 'care-visit', fields: ['name', 'phone'] });
    expect(read[0].entityIds).toEqual(ids);
    // Listing by place is a filter on where each resident lives: recorded too, for the same rows.
    const listed = residentRecords.filter((record: any) => record.means === 'filter');
    expect(listed).toEqual([expect.objectContaining({ fields: ['household'], entityIds: ids })]);
    // Following the link to each resident's requests is recorded in the department that holds them.
    const links = records.filter((record: any) => record.subgraph === 'requests' && record.means === 'link');
    expect(links).toEqual([expect.objectContaining({ typeName: 'Resident', fields: ['repairRequests'] })]);
    // The requests joined from the other subgraph are recorded there, in one record for the whole page.
    const requestRecords = records.filter((record: any) => record.typeName === 'RepairRequest');
    expect(requestRecords).toHaveLength(1);
    expect(requestRecords[0]).toMatchObject({ subgraph: 'requests', fields: ['description'] });
  });

  it('tell a resident who accessed their data, when and for what purpose', async () => {
    const staff = await stack.token({ role: 'grid_worker', sub: 'gw-visit', regions: [GRID], purpose: 'care-visit' });
    await stack.query('{ resident(id: "p-0000004") { name phone } }', { token: staff });
    const token = await stack.token({ role: 'resident', sub: 'p-0000004', home: HOME });
    const response = await stack.query('{ me { accessLog(first: 10) { edges { node { at actorRole purpose subgraph typeName } } } } }', {
      token,
    });
    expect(response.errors).toBeUndefined();
    const entries = response.data!['me'].accessLog.edges.map((edge: any) => edge.node);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorRole: 'grid_worker', purpose: 'care-visit', subgraph: 'residents', typeName: 'Resident' }),
      ]),
    );
  });

  it('are the resident’s own: another caller cannot read someone’s access log', async () => {
    const token = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
    const response = await stack.query('{ resident(id: "p-0000004") { accessLog { edges { node { at } } } } }', { token });
    expect(response.data!['resident'].accessLog).toBeNull();
    expect(response.errors?.length).toBeGreaterThan(0);
  });

  it('are for auditors: the trail refuses everyone else', async () => {
    const token = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
    const response = await stack.query('{ auditTrail { edges { node { seq } } } }', { token });
    expect(response.data!['auditTrail']).toBeNull();
    expect(response.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

describe('the hash chain', () => {
  it('verifies while untouched, and reports the first broken link after a stored row is changed', async () => {
    const verify = async (full = false) =>
      (
        await stack.query(`{ verifyAuditChain(full: ${full}) { ok checked firstBrokenSeq reason fromSeq lastSeq lastHash } }`, {
          token: await auditorToken(),
        })
      ).data!['verifyAuditChain'];
    const intact = await verify();
    expect(intact.ok).toBe(true);
    expect(intact.checked).toBeGreaterThanOrEqual(3);
    expect(intact.lastHash).toMatch(/^[0-9a-f]{64}$/);

    // Incremental: the next verification starts after the last one's checkpoint and checks only what came since.
    const token = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
    await stack.query(`{ residents(regionId: "${GRID}", first: 2) { edges { node { name } } } }`, { token });
    const next = await verify();
    expect(next).toMatchObject({ ok: true, fromSeq: intact.lastSeq + 1 });
    expect(next.checked).toBe(next.lastSeq - intact.lastSeq);
    expect(next.checked).toBeGreaterThan(0);

    // Someone with database access erases a trace: which fields a grid worker saw.
    await stack.sql('audit', `UPDATE "AccessRecord" SET "fields" = '["id"]' WHERE "seq" = 2`);
    // Behind the checkpoint: the full verification (the daily background job, or an auditor asking) finds it.
    const tampered = await verify(true);
    expect(tampered).toMatchObject({ ok: false, firstBrokenSeq: 2, fromSeq: 1 });
    expect(tampered.reason).toMatch(/hash/);
    // At the checkpoint: the incremental verification finds it too.
    await stack.sql('audit', `UPDATE "AccessRecord" SET "fields" = '["id"]' WHERE "seq" = ${next.lastSeq}`);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: next.lastSeq });
  });
});

describe('departments', () => {
  it('are listed by the supervision office, with who revealed personal data in each', async () => {
    const response = await stack.query('{ departments { code name privacyAccess { records residentsConcerned } } }', {
      token: await auditorToken(),
    });
    expect(response.errors).toBeUndefined();
    const codes = response.data!['departments'].map((department: any) => department.code);
    expect(codes).toEqual(expect.arrayContaining(['CIVIL_AFFAIRS', 'CITY_MANAGEMENT', 'PETITIONS', 'ENFORCEMENT']));
    for (const department of response.data!['departments']) {
      expect(department.privacyAccess.records).toBeGreaterThanOrEqual(0);
    }
  });

  it('show anonymous callers only their names', async () => {
    const response = await stack.query('{ departments { code name privacyAccess { records } } }');
    expect(response.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('when the audit service is down', () => {
  it('personal values are masked, not revealed, and the response says why (fail closed)', async () => {
    await stack.stopSubgraph('audit');
    const token = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
    const ids = ['p-0000001', 'p-0000002', 'p-0000003', 'p-0000004', 'p-0000005'];
    const response = await stack.query(`{ ${ids.map((id, i) => `r${i}: resident(id: "${id}") { id name phone }`).join(' ')} }`, { token });
    const residents = ids.map((_id, i) => response.data![`r${i}`]);
    expect(residents).toHaveLength(5);
    for (const resident of residents) {
      expect(resident.name).toMatch(/^\p{Script=Han}\*\*$/u);
      expect(resident.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    }
    expect(response.errors?.map((error) => error.extensions?.['code'])).toContain('AUDIT_UNAVAILABLE');
  });

  it('a list whose rows were found by a protected argument is withheld whole: the ids alone would tell', async () => {
    const token = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
    const response = await stack.query(`{ residents(regionId: "${GRID}", first: 5) { edges { node { id } } } }`, { token });
    expect(response.data!['residents']).toBeNull();
    expect(response.errors?.map((error) => error.extensions?.['code'])).toContain('AUDIT_UNAVAILABLE');
  });
});
