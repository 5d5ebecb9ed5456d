// The caller context between gateway and subgraphs is bound to its request (method, body digest,
// time, nonce), and keys rotate by kid with no request lost: replays of a captured header, two
// gateway replicas rolled from one caller-context key to the next, tokens under old and new kids.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startGateway, type RunningGateway } from '@liangling/gateway';
import { redisReplayGuard } from '@liangling/kit';
import { CALLER_CONTEXT_HEADER, SUPERGRAPH_PATH, signCallerContext, verifyCallerContext, type HmacKeySet } from '@liangling/schema';
import { decodeProtectedHeader } from 'jose';
import { postGraphQL, signToken, startTestStack, type TestStack } from '../src';

const GRID_WORKER = { role: 'grid_worker' as const, sub: 'gw-1', regions: ['r-210103-1-1-1'] };
const GRID_RESIDENTS = '{ residents(regionId: "r-210103-1-1-1", first: 3) { edges { node { id name repairRequests { id } } } } }';
const secret = () => randomBytes(32).toString('base64url');
const encode = (text: string) => new TextEncoder().encode(text);
const CALLER = { '2026a': secret(), '2026b': secret() };
const JWT = { j1: secret(), j2: secret() };
const callerKeys = (signingKid: string, kids = Object.keys(CALLER)): HmacKeySet => ({
  signingKid,
  keys: new Map(kids.map((kid) => [kid, encode(CALLER[kid as keyof typeof CALLER] ?? secret())])),
});
const jwtKeys = (signingKid: string): HmacKeySet => ({
  signingKid,
  keys: new Map(Object.entries(JWT).map(([kid, value]) => [kid, encode(value)])),
});

let stack: TestStack;
let proxy: CapturingProxy;
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  // Subgraphs hold both caller-context keys (the current and the next); the stack's own gateway signs with the first.
  stack = await startTestStack({ secrets: { jwtSecret: jwtKeys('j1'), callerContextSecret: callerKeys('2026a') } });
  proxy = await capturingProxy(stack.subgraphs['residents']!);
}, 120_000);

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await proxy?.close();
  await stack?.stop();
});

/** A gateway replica in front of the stack's subgraphs, the residents subgraph behind the capturing proxy. */
async function replica(callerKey: HmacKeySet): Promise<RunningGateway> {
  const gateway = await startGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    auth: { secret: jwtKeys('j1') },
    callerKey,
    subgraphUrls: { ...stack.subgraphs, residents: proxy.url },
    port: 0,
    logger: 'silent',
    rateLimit: { points: 0 },
    // As in production behind a load balancer: on stop, keep answering a moment after leaving rotation.
    shutdownDelayMs: 300,
  });
  gateways.push(gateway);
  return gateway;
}

describe('a captured caller context', () => {
  it('is refused when replayed with another body, and when replayed with the same body', async () => {
    const gateway = await replica(callerKeys('2026a'));
    const answered = await postGraphQL<any>(gateway.url, { query: GRID_RESIDENTS }, await signToken(GRID_WORKER, jwtKeys('j1')));
    expect(answered.errors).toBeUndefined();
    const captured = proxy.last();
    expect(captured.header).toEqual(expect.any(String));

    const sameBody = await fetch(stack.subgraphs['residents']!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_CONTEXT_HEADER]: captured.header },
      body: captured.body,
    });
    expect(sameBody.status).toBe(401);
    expect(JSON.stringify(await sameBody.json())).toMatch(/replayed/);

    const otherBody = JSON.stringify({ query: '{ resident(id: "p-0000002") { name phone idNumber } }' });
    const other = await fetch(stack.subgraphs['residents']!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_CONTEXT_HEADER]: captured.header },
      body: otherBody,
    });
    expect(other.status).toBe(401);
    const refused = JSON.stringify(await other.json());
    expect(refused).toMatch(/another request/);
    expect(refused).not.toMatch(/13\d{9}|\d{17}[\dX]/);
  });

  it('is taken once: a context signed for a body works with it the first time only', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const header = signCallerContext({ role: 'anonymous', regions: [] }, stack.keys.callerKey, { method: 'POST', body });
    const send = () =>
      fetch(stack.subgraphs['residents']!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CALLER_CONTEXT_HEADER]: header },
        body,
      });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(401);
  });

  (process.env['REDIS_URL'] ? it : it.skip)('is taken once across replicas when they share nonces through Redis', async () => {
    const first = redisReplayGuard(process.env['REDIS_URL']!);
    const second = redisReplayGuard(process.env['REDIS_URL']!);
    try {
      const body = JSON.stringify({ query: '{ __typename }' });
      const header = signCallerContext({ role: 'anonymous', regions: [] }, stack.keys.callerKey, { method: 'POST', body });
      const request = { method: 'POST', body };
      expect((await verifyCallerContext(header, stack.keys.callerKey, request, { replayGuard: first })).ok).toBe(true);
      expect(await verifyCallerContext(header, stack.keys.callerKey, request, { replayGuard: second })).toEqual({
        ok: false,
        reason: 'caller context replayed',
      });
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});

describe('key rotation', () => {
  it('rolls two gateway replicas from one caller-context key to the next, and tokens from one kid to the next, losing no request', async () => {
    const inRotation: RunningGateway[] = [await replica(callerKeys('2026a')), await replica(callerKeys('2026a'))];
    const oldToken = await signToken(GRID_WORKER, jwtKeys('j1'));
    const newToken = await signToken(GRID_WORKER, jwtKeys('j2'));
    let running = true;
    let answered = 0;
    const failures: string[] = [];
    let next = 0;
    const client = async () => {
      while (running) {
        // The load balancer: only replicas that are in rotation get requests.
        const gateway = inRotation[next++ % inRotation.length]!;
        const response = await postGraphQL<any>(gateway.url, { query: GRID_RESIDENTS }, next % 2 ? oldToken : newToken).catch(
          (error: Error) => ({ status: 0, errors: [{ message: error.message }] }),
        );
        if (response.status !== 200 || response.errors) failures.push(`${response.status}: ${JSON.stringify(response.errors)}`);
        else answered += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const clients = Array.from({ length: 3 }, client);
    const roll = async (index: number) => {
      const old = inRotation[index]!;
      inRotation.splice(index, 1);
      await old.stop();
      inRotation.splice(index, 0, await replica(callerKeys('2026b')));
      await new Promise((resolve) => setTimeout(resolve, 300));
    };
    await new Promise((resolve) => setTimeout(resolve, 300));
    await roll(0);
    await roll(1);
    running = false;
    await Promise.all(clients);
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(4);
    // The replicas now sign with the next key, which the subgraphs accept.
    expect(decodeProtectedHeader(proxy.last().header).kid).toBe('2026b');
  }, 60_000);

  it('refuses a caller context under a kid the subgraphs do not hold, and a token under a kid the gateway does not hold', async () => {
    const stranger = await replica({ signingKid: '2027x', keys: new Map([['2027x', encode(secret())]]) });
    const refused = await postGraphQL<any>(stranger.url, { query: GRID_RESIDENTS }, await signToken(GRID_WORKER, jwtKeys('j1')));
    expect(refused.data?.residents ?? null).toBeNull();
    expect(refused.errors?.length).toBeGreaterThan(0);

    const unknownKid = await signToken(GRID_WORKER, { signingKid: 'j9', keys: new Map([['j9', encode(JWT.j1)]]) });
    const gateway = await replica(callerKeys('2026b'));
    const response = await postGraphQL<any>(gateway.url, { query: GRID_RESIDENTS }, unknownKid);
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

interface CapturingProxy {
  readonly url: string;
  /** The last request that carried a caller context: its header and its exact body. */
  last(): { header: string; body: string };
  close(): Promise<void>;
}

/** Forwards every request to `target` and keeps the last caller context it saw, as a listener on the network would. */
async function capturingProxy(target: string): Promise<CapturingProxy> {
  let captured: { header: string; body: string } | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = req.headers[CALLER_CONTEXT_HEADER];
      if (typeof header === 'string') captured = { header, body };
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) headers[name] = value;
      fetch(target, { method: req.method ?? 'POST', headers, body: req.method === 'GET' ? undefined : body }).then(
        async (response) => {
          res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' });
          res.end(await response.text());
        },
        () => {
          res.writeHead(502).end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    last: () => {
      if (!captured) throw new Error('nothing captured');
      return captured;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
