import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GatewayOptions, RunningGateway } from '../src/gateway';
import { capturedLogs } from './support/logs';
import { post, startStubGraph, type StubGraph, type StubSubgraph, gatewayOnStubs } from './support/stub-subgraphs';

// What /ready and /health say, and what an operator reads in the logs and metrics when a circuit
// opens or Redis goes away: through the HTTP path of a production gateway over two stub subgraphs.

const PEOPLE = 'query People { people { id name tickets { id title } } }';
let graph: StubGraph;
const gateways: RunningGateway[] = [];
const { lines: logLines, logger } = capturedLogs();

async function gatewayWith(options: Partial<GatewayOptions> = {}): Promise<RunningGateway> {
  const gateway = await gatewayOnStubs(graph, { logger, ...options });
  gateways.push(gateway);
  return gateway;
}

const closable = (stub: StubSubgraph) => stub as StubSubgraph & { closeHttp(): Promise<void> };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(100);
  }
}

beforeAll(async () => {
  graph = await startStubGraph();
});

afterAll(async () => {
  await Promise.allSettled(gateways.map((gateway) => gateway.stop()));
  await graph?.stop();
});

describe('/ready', () => {
  it('turns 503 when the subgraphs are gone, and 200 again when they are back', async () => {
    const gateway = await gatewayWith();
    const ready = () => fetch(new URL('/ready', gateway.url));
    expect(await (await ready()).json()).toEqual({ ready: true });
    await closable(graph.people).closeHttp();
    await graph.tickets.closeHttp();
    try {
      const refused = await eventually(async () => {
        const response = await ready();
        return response.status === 503 ? ((await response.json()) as Record<string, unknown>) : undefined;
      });
      expect(refused).toEqual({ ready: false, reason: 'no subgraph answers' });
    } finally {
      await graph.people.restart();
      await graph.tickets.restart();
    }
    await eventually(async () => ((await ready()).status === 200 ? true : undefined));
  }, 30_000);

  it('needs every subgraph it is told to need', async () => {
    const gateway = await gatewayWith({ readiness: ['tickets'] });
    await graph.tickets.closeHttp();
    try {
      const response = await eventually(async () => {
        const answer = await fetch(new URL('/ready', gateway.url));
        return answer.status === 503 ? answer : undefined;
      });
      expect(await response.json()).toEqual({ ready: false, reason: 'required subgraphs down: tickets' });
      // The default rule: one department down still leaves partial answers, so the replica stays in rotation.
      const lenient = await gatewayWith();
      expect((await fetch(new URL('/ready', lenient.url))).status).toBe(200);
    } finally {
      await graph.tickets.restart();
    }
  }, 30_000);
});

describe('/health/details', () => {
  it('is for operators only: not served in production unless operator access says so', async () => {
    const production = await gatewayWith();
    expect((await fetch(new URL('/health/details', production.url))).status).toBe(404);
    const operated = await gatewayWith({ operatorAccess: (req) => req.header('x-operator') === 'yes' });
    expect((await fetch(new URL('/health/details', operated.url))).status).toBe(404);
    const details = await fetch(new URL('/health/details', operated.url), { headers: { 'x-operator': 'yes' } });
    expect(details.status).toBe(200);
    expect(await details.json()).toMatchObject({
      status: 'ok',
      ready: true,
      draining: false,
      supergraph: { subgraphs: 2 },
      subgraphDetails: { people: { status: 'ok', circuit: 'closed', error: null }, tickets: { status: 'ok', circuit: 'closed' } },
      stores: { 'rate-limit': 'none', 'persisted-queries': 'none' },
    });
  });

  it('says why a subgraph is down and that its circuit opened; the opening and the closing are logged once and counted', async () => {
    const gateway = await gatewayWith({
      development: true,
      subgraphOptions: { tickets: { retries: 0, circuitBreaker: { failureThreshold: 2, cooldownMs: 300 } } },
    });
    await graph.tickets.closeHttp();
    try {
      for (let i = 0; i < 4; i += 1) await post(gateway.url, { query: PEOPLE });
      const details = (await (await fetch(new URL('/health/details', gateway.url))).json()) as any;
      expect(details.status).toBe('degraded');
      expect(details.subgraphDetails.tickets).toMatchObject({ status: 'down' });
      expect(['circuit open', 'connection refused']).toContain(details.subgraphDetails.tickets.error);
      expect(details.subgraphDetails.people.status).toBe('ok');
    } finally {
      await graph.tickets.restart();
    }
    await sleep(350);
    const recovered = await post(gateway.url, { query: PEOPLE });
    expect(recovered.body.errors).toBeUndefined();
    const events = logLines
      .filter((line) => line['event'] === 'circuit_open' || line['event'] === 'circuit_closed')
      .map((line) => `${String(line['event'])}:${String(line['subgraph'])}`);
    expect(events).toEqual(['circuit_open:tickets', 'circuit_closed:tickets']);
    const metrics = await (await fetch(new URL('/metrics', gateway.url))).text();
    expect(metrics).toMatch(/liangling_gateway_circuit_state_changes_total\{subgraph="tickets",state="open"\} 1/);
    expect(metrics).toMatch(/liangling_gateway_circuit_state_changes_total\{subgraph="tickets",state="closed"\} 1/);
  }, 30_000);
});

const redisInstalled = spawnSync('redis-server', ['--version']).status === 0;

(redisInstalled ? describe : describe.skip)('Redis going away', () => {
  it('is logged once when lost and once when back, and counted', async () => {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    const start = async (): Promise<ChildProcess> => {
      const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      await sleep(300);
      return child;
    };
    let redis = await start();
    try {
      const before = logLines.length;
      // Development: /metrics on the API port (production serves it to the operator only).
      const gateway = await gatewayWith({ development: true, rateLimit: { points: 1000, redisUrl: `redis://127.0.0.1:${port}` } });
      expect((await post(gateway.url, { query: PEOPLE })).status).toBe(200);
      redis.kill('SIGKILL');
      // Requests go on while it is away (each gateway counts alone).
      const during = await post(gateway.url, { query: PEOPLE });
      expect(during.status).toBe(200);
      await sleep(1500);
      redis = await start();
      await eventually(async () => (logLines.slice(before).some((line) => line['event'] === 'redis_recovered') ? true : undefined));
      const events = logLines
        .slice(before)
        .filter((line) => String(line['event']).startsWith('redis_'))
        .map((line) => `${String(line['event'])}:${String(line['component'])}`);
      expect(events).toEqual(['redis_lost:rate-limit', 'redis_recovered:rate-limit']);
      const metrics = await (await fetch(new URL('/metrics', gateway.url))).text();
      expect(metrics).toMatch(/liangling_gateway_redis_connection_events_total\{component="rate-limit",event="lost"\} 1/);
      expect(metrics).toMatch(/liangling_gateway_redis_connection_events_total\{component="rate-limit",event="recovered"\} 1/);
    } finally {
      redis.kill('SIGKILL');
    }
  }, 30_000);
});
