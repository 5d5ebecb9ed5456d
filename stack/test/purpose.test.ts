import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { postGraphQL, startTestStack, type RunningStack } from '../src';

// The declared purpose (PIPL Art. 6) decides what a grid worker sees of SENSITIVE data, is limited
// to what the role may declare, and is what the access record says the data was used for.
const GRID = 'r-210103-1-1-1';
const QUERY = { query: '{ resident(id: "p-0000005") { idNumber elderly } }' };

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const gridWorker = (purpose?: string) => stack.token({ role: 'grid_worker', sub: 'gw-purpose', regions: [GRID], ...(purpose ? { purpose } : {}) });

describe('a declared purpose', () => {
  it('opens SENSITIVE data in the caller’s own grid only when the role is granted it for that purpose', async () => {
    const token = await gridWorker();
    const plain = await postGraphQL<Record<string, any>>(stack.url, QUERY, token);
    expect(plain.data!['resident'].idNumber).toMatch(/^\d{4}\*{14}$/);
    expect(plain.data!['resident'].elderly).toBeNull();
    const visit = await postGraphQL<Record<string, any>>(stack.url, QUERY, token, { 'x-liangling-purpose': 'care-visit' });
    expect(visit.data!['resident'].idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(typeof visit.data!['resident'].elderly).toBe('boolean');
  });

  it('is refused when the role may not declare it', async () => {
    const response = await postGraphQL(stack.url, QUERY, await gridWorker(), { 'x-liangling-purpose': 'case-handling' });
    expect(response.status).toBe(403);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('PURPOSE_NOT_ALLOWED');
    expect(response.data ?? null).toBeNull();
  });

  it('cannot change the purpose a token was issued for', async () => {
    const response = await postGraphQL(stack.url, QUERY, await gridWorker('grid-visit'), { 'x-liangling-purpose': 'care-visit' });
    expect(response.status).toBe(403);
    expect(response.errors?.[0]?.message).toMatch(/grid-visit/);
  });

  it('is what the access record says the data was used for', async () => {
    await postGraphQL(stack.url, QUERY, await gridWorker(), { 'x-liangling-purpose': 'care-visit' });
    const auditor = await stack.token({ role: 'auditor', sub: 'a-1' });
    const trail = await stack.query('{ auditTrail(filter: { actorSub: "gw-purpose" }) { edges { node { purpose fields } } } }', { token: auditor });
    const purposes = trail.data!['auditTrail'].edges.map((edge: any) => edge.node.purpose);
    expect(purposes).toContain('care-visit');
  });
});
