// The gateway's side of a subgraph's subscription stream: shared by listeners, signed as the
// gateway's service identity, resumed from the last event after the subgraph restarts, freed when the
// last listener leaves.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { CALLER_CONTEXT_HEADER, verifyCallerContext } from '@liangling/schema';
import pino from 'pino';
import { UpstreamStreams } from '../src/subscriptions/upstream';

const KEY = new TextEncoder().encode('a-test-key-of-thirty-two-bytes!!');

interface FakeSubgraph {
  readonly server: Server;
  readonly streams: ServerResponse[];
  readonly requests: { lastEventId: string | undefined; caller: string | undefined; body: string }[];
}

async function fakeSubgraph(port = 0): Promise<FakeSubgraph> {
  const streams: ServerResponse[] = [];
  const requests: FakeSubgraph['requests'] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', async () => {
      const verified = await verifyCallerContext(req.headers[CALLER_CONTEXT_HEADER] as string | undefined, KEY, {
        method: req.method ?? 'POST',
        body,
      });
      requests.push({
        lastEventId: req.headers['last-event-id'] as string | undefined,
        caller: verified.ok ? verified.caller.sub : undefined,
        body,
      });
      if (!verified.ok)
        return void res
          .writeHead(401, { 'content-type': 'application/json' })
          .end('{"errors":[{"message":"no","extensions":{"code":"INVALID_CALLER_CONTEXT"}}]}');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      streams.push(res);
      res.on('close', () => streams.splice(streams.indexOf(res), 1));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, streams, requests };
}

const send = (subgraph: FakeSubgraph, id: string) => {
  for (const stream of subgraph.streams) stream.write(`id: ${id}\nevent: next\ndata: {"data":{"alertRaised":{"id":"${id}"}}}\n\n`);
};

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const stopServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe('UpstreamStreams', () => {
  it('shares one stream among listeners, as the gateway’s service identity, and closes it when the last one leaves', async () => {
    const subgraph = await fakeSubgraph();
    cleanup.push(() => stopServer(subgraph.server));
    const upstreams = new UpstreamStreams({ callerKey: KEY, logger: pino({ level: 'silent' }) });
    cleanup.push(async () => upstreams.close());
    const url = `http://127.0.0.1:${(subgraph.server.address() as AddressInfo).port}/graphql/stream`;
    const operation = { query: 'subscription { alertRaised(regionId: "r-2101") { id } }', variables: {} };
    const a: string[] = [];
    const b: string[] = [];
    const stopA = upstreams.listen(url, operation, (event) => event.kind === 'key' && a.push(event.key));
    const stopB = upstreams.listen(url, operation, (event) => event.kind === 'key' && b.push(event.key));
    await waitFor(() => subgraph.streams.length === 1);
    expect(upstreams.size).toBe(1);
    expect(subgraph.requests).toHaveLength(1);
    expect(subgraph.requests[0]?.caller).toBe('gateway-subscriptions');
    send(subgraph, 'alert-1');
    await waitFor(() => a.length === 1 && b.length === 1);
    stopA();
    expect(upstreams.size).toBe(1);
    stopB();
    expect(upstreams.size).toBe(0);
    await waitFor(() => subgraph.streams.length === 0);
  });

  it('resumes after the subgraph restarts, from the last event it received', async () => {
    let subgraph = await fakeSubgraph();
    const port = (subgraph.server.address() as AddressInfo).port;
    const upstreams = new UpstreamStreams({ callerKey: KEY, logger: pino({ level: 'silent' }), backoffMs: 20, maxBackoffMs: 100 });
    cleanup.push(async () => upstreams.close());
    const keys: string[] = [];
    upstreams.listen(
      `http://127.0.0.1:${port}/graphql/stream`,
      { query: 'subscription { alertRaised(regionId: "r-2101") { id } }', variables: {} },
      (event) => event.kind === 'key' && keys.push(event.key),
    );
    await waitFor(() => subgraph.streams.length === 1);
    send(subgraph, 'alert-1');
    await waitFor(() => keys.length === 1);
    // The subgraph goes away, and comes back on the same address.
    await stopServer(subgraph.server);
    await new Promise((resolve) => setTimeout(resolve, 150));
    subgraph = await fakeSubgraph(port);
    const restarted = subgraph;
    cleanup.push(() => stopServer(restarted.server));
    await waitFor(() => restarted.streams.length === 1);
    expect(restarted.requests.at(-1)?.lastEventId).toBe('alert-1');
    send(restarted, 'alert-2');
    await waitFor(() => keys.length === 2);
    expect(keys).toEqual(['alert-1', 'alert-2']);
  });

  it('hands a refusal to its listeners and does not retry it', async () => {
    const subgraph = await fakeSubgraph();
    cleanup.push(() => stopServer(subgraph.server));
    const upstreams = new UpstreamStreams({
      callerKey: new TextEncoder().encode('another-key-of-thirty-two-bytes!'),
      logger: pino({ level: 'silent' }),
      backoffMs: 10,
    });
    cleanup.push(async () => upstreams.close());
    const refusals: unknown[] = [];
    upstreams.listen(
      `http://127.0.0.1:${(subgraph.server.address() as AddressInfo).port}/graphql/stream`,
      { query: 'subscription { x { id } }', variables: {} },
      (event) => event.kind === 'refused' && refusals.push(event.errors),
    );
    await waitFor(() => refusals.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(subgraph.requests).toHaveLength(1);
    expect(refusals[0]).toEqual([{ message: 'no', extensions: { code: 'INVALID_CALLER_CONTEXT' } }]);
  });
});
