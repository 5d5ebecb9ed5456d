import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startGateway, type RunningGateway } from '../src';
import { SECRETS, post, startStubGraph, type StubGraph } from './support/stub-subgraphs';

// Rate limits shared by gateway replicas through Redis: REDIS_URL when set (CI), else a private
// redis-server started here when one is installed; otherwise skipped, saying why.
const redisBinary = spawnSync('redis-server', ['--version']).status === 0;
const available = Boolean(process.env['REDIS_URL']) || redisBinary;
if (!available) console.warn('redis-rate-limit.test.ts skipped: no REDIS_URL and no redis-server installed (apt-get install -y redis-server)');

(available ? describe : describe.skip)('rate limits in Redis', () => {
  let redis: ChildProcess | undefined;
  let redisUrl = process.env['REDIS_URL'] ?? '';
  let graph: StubGraph;
  const gateways: RunningGateway[] = [];

  beforeAll(async () => {
    if (!redisUrl) {
      const port = 20_000 + Math.floor(Math.random() * 30_000);
      redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      redisUrl = `redis://127.0.0.1:${port}`;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    graph = await startStubGraph();
    // Two replicas, one Redis, a unique prefix so reruns against a shared Redis start from zero.
    const keyPrefix = `liangling-test:${Date.now()}:${Math.random()}`;
    for (let i = 0; i < 2; i += 1) {
      gateways.push(
        await startGateway({
          supergraphSdl: graph.supergraphSdl,
          auth: { secret: SECRETS.jwt },
          callerKey: SECRETS.caller,
          port: 0,
          logger: 'silent',
          rateLimit: { points: 4, durationSeconds: 60, redisUrl, keyPrefix },
        }),
      );
    }
  });

  afterAll(async () => {
    await Promise.allSettled(gateways.map((gateway) => gateway.stop()));
    await graph?.stop();
    redis?.kill();
  });

  it('counts a client across replicas', async () => {
    const [a, b] = gateways as [RunningGateway, RunningGateway];
    const statuses: number[] = [];
    for (const gateway of [a, b, a, b]) statuses.push((await post(gateway.url, { query: '{ people { id } }' })).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const refused = await post(b.url, { query: '{ people { id } }' });
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
