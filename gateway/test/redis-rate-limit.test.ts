import { describe, expect, it } from '@jest/globals';
import { redisAvailable, useRedisReplicas } from './support/redis';
import { post } from './support/stub-subgraphs';

// Rate limits shared by gateway replicas through Redis: REDIS_URL when set (CI), else a private
// redis-server started here when one is installed; otherwise skipped, saying why.
if (!redisAvailable)
  console.warn('redis-rate-limit.test.ts skipped: no REDIS_URL and no redis-server installed (apt-get install -y redis-server)');

(redisAvailable ? describe : describe.skip)('rate limits in Redis', () => {
  // A unique prefix, so that reruns against a shared Redis start from zero.
  const keyPrefix = `liangling-test:${Date.now()}:${Math.random()}`;
  const shared = useRedisReplicas((redisUrl) => ({ rateLimit: { points: 4, durationSeconds: 60, redisUrl, keyPrefix } }));

  it('counts a client across replicas', async () => {
    const [a, b] = shared().replicas;
    const statuses: number[] = [];
    for (const gateway of [a, b, a, b]) statuses.push((await post(gateway.url, { query: '{ people { id } }' })).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const refused = await post(b.url, { query: '{ people { id } }' });
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
