import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, type RunningStack } from '../src';

// Counts the SQL statements each subgraph sends for one request: a page of residents with their
// repair requests must cost the same number of statements whatever the page size (no N+1).
const statements = new Map<string, number>();
let stack: RunningStack;

beforeAll(async () => {
  stack = await startTestStack({ onQuery: (subgraph) => statements.set(subgraph, (statements.get(subgraph) ?? 0) + 1) });
});
afterAll(async () => {
  await stack?.stop();
});

async function countFor(first: number): Promise<{ rows: number; perSubgraph: Record<string, number> }> {
  const token = await stack.token({ role: 'community_staff', sub: 'cs-1', regions: ['r-210103'] });
  statements.clear();
  const response = await stack.query(
    `query($first: Int) { residents(regionId: "r-210103", first: $first) {
      edges { node { id name household { room building { name grid { name } } } repairRequests { id description submittedBy { id } } } }
    } }`,
    { token, variables: { first } },
  );
  expect(response.errors).toBeUndefined();
  return { rows: response.data!['residents'].edges.length, perSubgraph: Object.fromEntries(statements) };
}

describe('statements per request', () => {
  it('do not grow with the length of the list', async () => {
    const small = await countFor(10);
    const large = await countFor(150);
    expect(small.rows).toBe(10);
    expect(large.rows).toBe(150);
    expect(large.perSubgraph).toEqual(small.perSubgraph);
    // Both subgraphs took part, so the equality above is about real work.
    expect(small.perSubgraph['residents']).toBeGreaterThan(0);
    expect(small.perSubgraph['requests']).toBeGreaterThan(0);
  });
});
