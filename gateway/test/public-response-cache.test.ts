import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { postGraphQL, startTestStack, type RunningStack } from '@liangling/stack';
import type { RunningGateway } from '../src/gateway';
import { gatewayOverStack } from './support/stack-gateway';

// Whole responses to anonymous callers are reused within the TTL: the subgraphs are not asked again.
// Callers with a token are never served from it, and nothing they see reaches an anonymous caller.

const statements = new Map<string, number>();
const total = () => [...statements.values()].reduce((sum, value) => sum + value, 0);
let stack: RunningStack;
let gateway: RunningGateway;
// Long enough that both requests of a test fall inside it on the slowest machine.
const TTL_MS = 60_000;

const STATS = 'query Stats($id: ID!) { region(id: $id) { name stats { exact population { value suppressed } } } }';
const GRID = 'r-210103-1-1-1';

beforeAll(async () => {
  stack = await startTestStack({ onQuery: (subgraph) => statements.set(subgraph, (statements.get(subgraph) ?? 0) + 1) });
  gateway = await gatewayOverStack(stack, {
    publicResponseCache: { ttlMs: TTL_MS },
  });
});
afterAll(async () => {
  await gateway?.stop();
  await stack?.stop();
});

async function asking(body: { query: string; variables?: Record<string, unknown> }, token?: string) {
  statements.clear();
  const response = await postGraphQL<Record<string, any>>(gateway.url, body, token);
  return { response, statements: total() };
}

describe('public response cache', () => {
  it('answers a repeated anonymous query from memory, and a different one from the subgraphs', async () => {
    const first = await asking({ query: STATS, variables: { id: GRID } });
    expect(first.response.errors).toBeUndefined();
    expect(first.statements).toBeGreaterThan(0);
    const again = await asking({ query: STATS, variables: { id: GRID } });
    expect(again.statements).toBe(0);
    expect(again.response.data).toEqual(first.response.data);
    const other = await asking({ query: STATS, variables: { id: 'r-210103' } });
    expect(other.statements).toBeGreaterThan(0);
    expect(other.response.data!['region'].name).not.toBe(first.response.data!['region'].name);
  });

  it('never serves a caller with a token from it, nor an anonymous caller what they saw', async () => {
    const token = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
    const staff = await asking({ query: STATS, variables: { id: GRID } }, token);
    expect(staff.statements).toBeGreaterThan(0);
    expect(staff.response.data!['region'].stats.exact).toBe(true);
    const staffAgain = await asking({ query: STATS, variables: { id: GRID } }, token);
    expect(staffAgain.statements).toBeGreaterThan(0);
    const anonymous = await asking({ query: STATS, variables: { id: GRID } });
    expect(anonymous.response.data!['region'].stats.exact).toBe(false);
  });
});
