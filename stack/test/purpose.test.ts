import { describe, expect, it } from '@jest/globals';
import { postGraphQL } from '../src';
import { useTestStack } from '../src/jest';

// The declared purpose (PIPL Art. 6) decides what a grid worker sees of SENSITIVE data, is limited
// to what the role may declare, and is what the access record says the data was used for.
const GRID = 'r-210103-1-1-1';
const QUERY = { query: '{ resident(id: "p-0000005") { idNumber elderly } }' };

const stack = useTestStack();

const gridWorker = (purpose?: string) =>
  stack().token({ role: 'grid_worker', sub: 'gw-purpose', regions: [GRID], ...(purpose ? { purpose } : {}) });

describe('a declared purpose', () => {
  it('opens SENSITIVE data in the caller’s own grid only for that purpose, and only with a record of work behind it', async () => {
    const token = await gridWorker();
    const plain = await postGraphQL<Record<string, any>>(stack().url, QUERY, token);
    expect(plain.data!['resident'].idNumber).toMatch(/^\d{4}\*{14}$/);
    expect(plain.data!['resident'].elderly).toBeNull();
    // Declared alone, the purpose opens nothing (stack/test/grants.test.ts has the rest).
    const declared = await postGraphQL<Record<string, any>>(stack().url, QUERY, token, { 'x-liangling-purpose': 'care-visit' });
    expect(declared.data!['resident'].idNumber).toMatch(/^\d{4}\*{14}$/);
    const household = (await stack().query('{ resident(id: "p-0000005") { household { id } } }', { token })).data!['resident'].household.id;
    const staff = await stack().token({ role: 'community_staff', sub: 'cs-purpose', regions: ['r-210103-1-1'] });
    const now = Date.now();
    const planned = await stack().query('mutation($input: PlanCareVisitInput!) { planCareVisit(input: $input) { id } }', {
      token: staff,
      variables: {
        input: {
          householdId: household,
          assigneeId: 'gw-purpose',
          reason: '走访',
          windowStart: new Date(now - 60_000).toISOString(),
          windowEnd: new Date(now + 3_600_000).toISOString(),
        },
      },
    });
    expect(planned.errors).toBeUndefined();
    const visit = await postGraphQL<Record<string, any>>(stack().url, QUERY, token, { 'x-liangling-purpose': 'care-visit' });
    expect(visit.data!['resident'].idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(typeof visit.data!['resident'].elderly).toBe('boolean');
  });

  it('is refused when the role may not declare it', async () => {
    const response = await postGraphQL(stack().url, QUERY, await gridWorker(), { 'x-liangling-purpose': 'case-handling' });
    expect(response.status).toBe(403);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('PURPOSE_NOT_ALLOWED');
    expect(response.data ?? null).toBeNull();
  });

  it('cannot change the purpose a token was issued for', async () => {
    const response = await postGraphQL(stack().url, QUERY, await gridWorker('grid-visit'), { 'x-liangling-purpose': 'care-visit' });
    expect(response.status).toBe(403);
    expect(response.errors?.[0]?.message).toMatch(/grid-visit/);
  });

  it('is what the access record says the data was used for', async () => {
    await postGraphQL(stack().url, QUERY, await gridWorker(), { 'x-liangling-purpose': 'care-visit' });
    const auditor = await stack().token({ role: 'auditor', sub: 'a-1' });
    const trail = await stack().query('{ auditTrail(filter: { actorSub: "gw-purpose" }) { edges { node { purpose fields } } } }', {
      token: auditor,
    });
    const purposes = trail.data!['auditTrail'].edges.map((edge: any) => edge.node.purpose);
    expect(purposes).toContain('care-visit');
  });
});
