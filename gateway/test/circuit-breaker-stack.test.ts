// Through the real HTTP path, against the departments and the gateway as `npm start` configures them:
// one caller's refused heavy work (pages above the declared maximum, refused at the source; queries
// that run out of time) leaves the monitoring subgraph's circuit closed and other callers served; the
// subgraph failing everyone, or stopped, opens it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SUPERGRAPH_PATH } from '@liangling/schema';
import { loadConfig, startTestStack, type StackConfig, type TestStack } from '@liangling/stack';
import { startGateway, type RunningGateway } from '../src/gateway';

const HEAVY_CALLER = { role: 'department_officer' as const, sub: 'o-3', department: 'EMERGENCY' };
const OTHER_CALLER = { role: 'department_officer' as const, sub: 'o-4', department: 'EMERGENCY' };
const day = 24 * 60 * 60 * 1000;
const window = { from: new Date(Date.now() - 30 * day).toISOString(), to: new Date(Date.now() + day).toISOString() };
const READINGS =
  'query Heavy($from: DateTimeISO!, $to: DateTimeISO!, $first: Int!) { deviceReadings(kinds: [WATER_METER], from: $from, to: $to, first: $first) { at } }';
const LIGHT = 'query Light { devices(first: 1) { edges { node { id } } } }';

let dataDir: string;
let config: StackConfig;
let stack: TestStack;
let heavyToken: string;
let otherToken: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'liangling-breaker-'));
  const loaded = loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', DATA_DIR: dataDir });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  config = loaded.config;
  stack = await startTestStack({ development: true, gateway: config.gateway });
  heavyToken = await stack.token(HEAVY_CALLER);
  otherToken = await stack.token(OTHER_CALLER);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The circuit state `/health/details` reports for a subgraph (development: the operator's pages are on the API port). */
async function circuitOf(graphqlUrl: string, subgraph: string): Promise<string | undefined> {
  const response = await fetch(new URL('/health/details', graphqlUrl));
  return ((await response.json()) as { subgraphDetails: Record<string, { circuit: string }> }).subgraphDetails[subgraph]?.circuit;
}

async function light(url: string, token: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: LIGHT }),
  });
  return (await response.json()) as {
    data?: { devices: { edges: unknown[] } | null };
    errors?: { message: string; extensions: Record<string, unknown> }[];
  };
}

/**
 * A pass-through proxy in front of a subgraph that holds some requests for `holdMs` before passing
 * them on: the heavy caller's (the gateway names its subgraph operations after the client's, `Heavy__…`),
 * or everyone's.
 */
async function startSlowProxy(
  target: string,
  holdMs: number,
): Promise<{ url: string; hold: 'heavy' | 'everyone'; close(): Promise<void> }> {
  const upstream = new URL(target);
  const proxy = { url: '', hold: 'heavy' as 'heavy' | 'everyone', close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      if (proxy.hold === 'everyone' || body.includes('"Heavy__')) await delay(holdMs);
      if (req.socket.destroyed) return; // the gateway gave up waiting
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = new URL(upstream.pathname, `http://127.0.0.1:${(server.address() as AddressInfo).port}`).toString();
  proxy.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}

describe('circuit breakers count subgraph failures, not refusals of one caller’s work', () => {
  it('one caller’s pages above the declared maximum, refused at the source, leave the circuit closed and others served', async () => {
    for (let n = 0; n < 8; n += 1) {
      const refused = await stack.query(READINGS, { token: heavyToken, variables: { ...window, first: 5000 } });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RESULT_TOO_LARGE', limit: 2000 });
    }
    expect(await circuitOf(stack.url, 'monitoring')).toBe('closed');
    const served = await light(stack.url, otherToken);
    expect(served.errors).toBeUndefined();
    expect(served.data?.devices?.edges).toHaveLength(1);
  });

  it('one caller’s heavy queries running out of time leave the circuit closed and others served; the subgraph failing everyone opens it', async () => {
    const proxy = await startSlowProxy(stack.subgraphs['monitoring']!, 1000);
    let gateway: RunningGateway | undefined;
    try {
      // A replica of the stack's gateway (npm start's settings) whose monitoring deadline is short, reaching monitoring through the proxy.
      gateway = await startGateway({
        ...config.gateway,
        supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
        auth: { secret: stack.keys.jwtSecret },
        callerKey: stack.keys.callerKey,
        subgraphUrls: { ...stack.subgraphs, monitoring: proxy.url },
        subgraphOptions: {
          ...config.gateway.subgraphOptions,
          monitoring: { ...config.gateway.subgraphOptions?.['monitoring'], timeoutMs: 300 },
        },
        development: true,
        port: 0,
      });
      for (let n = 0; n < 8; n += 1) {
        const timedOut = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${heavyToken}` },
          body: JSON.stringify({ query: READINGS, variables: { ...window, first: 100 } }),
        });
        const body = (await timedOut.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
        expect(body.errors[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'monitoring' });
        expect(body.errors[0]?.message).toMatch(/did not answer within 300 ms/);
      }
      expect(await circuitOf(gateway.url, 'monitoring')).toBe('closed');
      const served = await light(gateway.url, otherToken);
      expect(served.errors).toBeUndefined();
      expect(served.data?.devices?.edges).toHaveLength(1);

      // Now the subgraph fails every caller: their timeouts are its failures (npm start: 5 in a row open it).
      proxy.hold = 'everyone';
      for (let n = 0; n < 6; n += 1) {
        const failed = await light(gateway.url, n % 2 === 0 ? otherToken : heavyToken);
        expect(failed.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'monitoring' });
      }
      const open = await light(gateway.url, otherToken);
      expect(open.errors?.[0]?.message).toMatch(/circuit open/);
      expect(await circuitOf(gateway.url, 'monitoring')).toBe('open');
    } finally {
      await gateway?.stop();
      await proxy.close();
    }
  }, 60_000);

  it('a real outage, the monitoring subgraph stopped, opens the circuit for everyone', async () => {
    await stack.stopSubgraph('monitoring');
    for (let n = 0; n < 5; n += 1) {
      const failed = await light(stack.url, n % 2 === 0 ? otherToken : heavyToken);
      expect(failed.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/monitoring service is not reachable/),
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'monitoring' },
      });
    }
    const open = await light(stack.url, otherToken);
    expect(open.errors?.[0]?.message).toMatch(/circuit open/);
    expect(await circuitOf(stack.url, 'monitoring')).toBe('open');
  });
});
