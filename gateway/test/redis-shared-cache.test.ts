import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { redisAvailable, useRedisReplicas } from './support/redis';
import { post } from './support/stub-subgraphs';
import { tokenFor } from './support/tokens';

// What gateway replicas share through Redis besides rate limits: documents learned by hash
// (automatic persisted queries) and cached public responses.
if (!redisAvailable)
  console.warn('redis-shared-cache.test.ts skipped: no REDIS_URL and no redis-server installed (apt-get install -y redis-server)');

(redisAvailable ? describe : describe.skip)('caches shared in Redis', () => {
  const shared = useRedisReplicas((redisUrl) => ({
    publicResponseCache: { ttlMs: 60_000 },
    sharedCacheRedisUrl: redisUrl,
    automaticPersistedQueries: { registration: 'signed-in' },
  }));

  it('a document learned by hash on one replica is known by hash on the other', async () => {
    const [a, b] = shared().replicas;
    // A document no other test sends, so the hash is new to this Redis.
    const query = `query Learned${Date.now()} { people(first: 2) { id } }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const persistedQuery = { extensions: { persistedQuery: { version: 1, sha256Hash } } };
    expect((await post(b.url, persistedQuery)).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // Registered by a signed-in caller (anonymous callers never register documents).
    const token = await tokenFor({ role: 'auditor', sub: 'a-1' });
    expect((await post(a.url, { query, ...persistedQuery }, { authorization: `Bearer ${token}` })).body.data.people).toHaveLength(2);
    const byHash = await post(b.url, persistedQuery);
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data.people).toHaveLength(2);
  });

  it('a public response cached by one replica is served by the other without asking the subgraph', async () => {
    const [a, b] = shared().replicas;
    const body = { query: 'query Shared($id: ID!) { person(id: $id) { id name } }', variables: { id: `p-${Date.now()}` } };
    const first = await post(a.url, body);
    expect(first.status).toBe(200);
    const asked = shared().graph.people.requests.length;
    const second = await post(b.url, body);
    expect(second.body).toEqual(first.body);
    expect(shared().graph.people.requests.length).toBe(asked);
  });
});
