import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import express from 'express';
import { loadShedding, type LoadSheddingOptions } from '../src/http/load-shedding';

// The admission queue in front of /graphql, on a real HTTP server whose handler takes a set time:
// past the in-flight and queue bounds, a request is answered 503 + Retry-After at once.
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(options: LoadSheddingOptions, workMs: number): Promise<string> {
  const shedder = loadShedding(options, (res, retryAfter) => {
    res.setHeader('retry-after', String(retryAfter));
    res.status(503).json({ errors: [{ message: 'at capacity', extensions: { code: 'OVERLOADED', retryAfter } }] });
  });
  const app = express();
  app.post('/graphql', shedder.middleware, (_req, res) => {
    setTimeout(() => res.json({ data: { ok: true } }), workMs);
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

const post = async (url: string) => {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST' });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    code: body.errors?.[0]?.extensions?.code,
    ms: performance.now() - started,
  };
};

describe('load shedding', () => {
  it('works on maxInFlight at once, queues maxQueued, and refuses the rest at once with 503, Retry-After and OVERLOADED', async () => {
    // Each request works 2 s, far longer than sending all ten takes even on a busy machine, so all ten
    // arrive while the first two are still in flight.
    const url = await serve({ maxInFlight: 2, maxQueued: 2, maxQueueWaitMs: 10_000 }, 2000);
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(url)));
    const served = answers.filter((answer) => answer.status === 200);
    const shed = answers.filter((answer) => answer.status === 503);
    expect(served).toHaveLength(4);
    expect(shed).toHaveLength(6);
    for (const answer of shed) {
      expect(answer).toMatchObject({ retryAfter: '1', code: 'OVERLOADED' });
      // Refused before any work: far sooner than one request's work.
      expect(answer.ms).toBeLessThan(2000);
    }
    // After the flood the gateway serves again.
    expect((await post(url)).status).toBe(200);
  });

  it('refuses a queued request once it has waited maxQueueWaitMs', async () => {
    const url = await serve({ maxInFlight: 1, maxQueued: 5, maxQueueWaitMs: 100 }, 500);
    const answers = await Promise.all([post(url), post(url)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 503]);
  });
});
