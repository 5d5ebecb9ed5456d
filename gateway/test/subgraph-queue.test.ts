// A bounded queue per subgraph, through the real HTTP path: one department held by its slow answers
// gets fetches past its places refused at once (503, Retry-After, OVERLOADED naming it), while
// requests that need only the other department are answered; once it answers again, the held
// requests complete and its circuit is still closed.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CALLER_CONTEXT_HEADER } from '@liangling/schema';
import type { RunningGateway } from '../src/gateway';
import { capturedLogs } from './support/logs';
import { gatewayOnStubs, post, startStubGraph, type StubGraph } from './support/stub-subgraphs';

const TICKET = '{ ticket(id: "1") { title } }';
const PEOPLE = '{ people { name } }';
const PEOPLE_AND_TICKETS = '{ people(first: 1) { name tickets { title } } }';

let graph: StubGraph;
let gateway: RunningGateway;
/** Lets the held subgraph answer; called in afterAll too, so a failed test leaves no request held. */
let release = () => {};
const { lines: logLines, logger } = capturedLogs();

/** Fakes the clock alone: servers' timers keep running. */
const CLOCK_ONLY: Parameters<typeof jest.useFakeTimers>[0] = {
  doNotFake: [
    'hrtime',
    'nextTick',
    'performance',
    'queueMicrotask',
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'requestIdleCallback',
    'cancelIdleCallback',
    'setImmediate',
    'clearImmediate',
    'setInterval',
    'clearInterval',
    'setTimeout',
    'clearTimeout',
  ],
};
const metrics = async () => (await fetch(new URL('/metrics', gateway.url))).text();
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  graph = await startStubGraph();
  gateway = await gatewayOnStubs(graph, {
    logger,
    // Development: /metrics on the API port.
    development: true,
    subgraphDefaults: {
      timeoutMs: 60_000,
      // One failure would open the circuit: a refusal counted as one would show.
      circuitBreaker: { failureThreshold: 1 },
      // Two in flight, two waiting, and a wait that never runs out here: refusals come from the bound alone.
      queue: { maxInFlight: 2, maxQueued: 2, maxWaitMs: 60_000 },
    },
  });
});

afterAll(async () => {
  release();
  await gateway?.stop();
  await graph?.stop();
});

describe('a bounded queue per subgraph', () => {
  it('refuses fetches to a held subgraph past its places with 503 + Retry-After, and serves the others meanwhile', async () => {
    graph.tickets.behaviour.hold = new Promise<void>((resolve) => (release = resolve));
    const attemptsBefore = graph.tickets.attempts;

    const inFlight = [post(gateway.url, { query: TICKET }), post(gateway.url, { query: TICKET })];
    await until(() => graph.tickets.attempts === attemptsBefore + 2);
    const queued = [post(gateway.url, { query: TICKET }), post(gateway.url, { query: TICKET })];
    await until(async () => (await metrics()).includes('liangling_gateway_subgraph_queue_fetches{subgraph="tickets",state="queued"} 2'));
    expect(await metrics()).toContain('liangling_gateway_subgraph_queue_fetches{subgraph="tickets",state="in_flight"} 2');

    // The clock stands still while the flood is refused (timers run): the log's once-a-second is one line.
    jest.useFakeTimers(CLOCK_ONLY);
    // Answered while the four held ones are still waiting on the subgraph.
    const refused = await Promise.all([1, 2, 3].map(() => post(gateway.url, { query: TICKET })));
    for (const answer of refused) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(answer.body.errors).toHaveLength(1);
      expect(answer.body.errors[0].extensions).toMatchObject({ code: 'OVERLOADED', serviceName: 'tickets', retryAfter: 1 });
    }
    // Partial data is kept, as for SUBGRAPH_UNAVAILABLE: the other department's part stands.
    const mixed = await post(gateway.url, { query: PEOPLE_AND_TICKETS });
    expect(mixed.status).toBe(503);
    expect(mixed.headers.get('retry-after')).toBe('1');
    expect(mixed.body.data).toEqual({ people: [{ name: 'Ann', tickets: null }] });
    expect(mixed.body.errors).toHaveLength(1);
    expect(mixed.body.errors[0].extensions).toMatchObject({ code: 'OVERLOADED', serviceName: 'tickets', retryAfter: 1 });
    const other = await post(gateway.url, { query: PEOPLE });
    expect(other).toMatchObject({ status: 200, body: { data: { people: [{ name: 'Ann' }, { name: 'Bo' }, { name: 'Cy' }] } } });
    expect(graph.tickets.attempts).toBe(attemptsBefore + 2);
    jest.useRealTimers();

    release();
    for (const answer of await Promise.all([...inFlight, ...queued])) {
      expect(answer).toMatchObject({ status: 200, body: { data: { ticket: { title: 'ticket 1' } } } });
      expect(answer.body.errors).toBeUndefined();
    }
    // Queued fetches went out signed like the others: the caller travelled through the wait.
    expect(graph.tickets.requests.slice(-4).every((request) => typeof request.headers[CALLER_CONTEXT_HEADER] === 'string')).toBe(true);

    // Four refusals, none counted against the circuit (its threshold is one failure).
    expect(await post(gateway.url, { query: TICKET })).toMatchObject({ status: 200, body: { data: { ticket: { title: 'ticket 1' } } } });
    const scraped = await metrics();
    expect(scraped).toContain('liangling_gateway_subgraph_fetches_total{subgraph="tickets",outcome="overloaded"} 4');
    expect(scraped).not.toContain('subgraph_fetches_total{subgraph="people",outcome="overloaded"}');
    expect(scraped).not.toContain('circuit_state_changes_total{subgraph="tickets"');
    expect(scraped).toContain('liangling_gateway_subgraph_queue_fetches{subgraph="tickets",state="in_flight"} 0');
    expect(logLines.filter((line) => line['event'] === 'subgraph_overloaded')).toEqual([
      expect.objectContaining({ subgraph: 'tickets', refused: 1, inFlight: 2, queued: 2 }),
    ]);
  }, 30_000);
});
