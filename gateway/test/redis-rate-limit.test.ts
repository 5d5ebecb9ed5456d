import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startGateway, type RunningGateway } from '../src/gateway';
import { redisAvailable, startTestRedis, type TestRedis } from './support/redis';
import { SECRETS, post, startStubGraph, type StubGraph } from './support/stub-subgraphs';

// Rate limits shared by gateway replicas through Redis: REDIS_URL when set (CI), else a private
// redis-server started here when one is installed; otherwise skipped, saying why.
if (!redisAvailable) console.warn('redis-rate-limit.test.ts skipped: no REDIS_URL and no redis-server installed (apt-get install -y redis-server)');

(redisAvailable ? describe : describe.skip)('rate limits in Redis', () => {
  let redis: TestRedis | undefined;
  let graph: StubGraph;
  const gateways: RunningGateway[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    const redisUrl = redis.url;
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
    redis?.stop();
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
