import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { createPersistedQueryStore, DEFAULT_PERSISTED_QUERIES } from '../src/plugins/persisted-queries-plugin';
import { createSharedCache } from '../src/shared-cache';

// The in-memory caches (lru-cache): bounded by entries or bytes, expiring by ttl.

describe('createSharedCache in memory', () => {
  it('keeps at most maxEntries, forgetting the least recently used', async () => {
    const cache = createSharedCache({ keyPrefix: 'test:', maxEntries: 2 });
    await cache.set('a', '1');
    await cache.set('b', '2');
    expect(await cache.get('a')).toBe('1'); // a is now the most recently used
    await cache.set('c', '3');
    expect(await cache.get('b')).toBeUndefined();
    expect([await cache.get('a'), await cache.get('c')]).toEqual(['1', '3']);
    expect(cache.store()).toBe('none');
  });

  it('expires an entry after its ttl (seconds), and keeps one without a ttl', async () => {
    const cache = createSharedCache({ keyPrefix: 'test:' });
    await cache.set('short', 'x', { ttl: 0.05 });
    await cache.set('kept', 'y');
    expect(await cache.get('short')).toBe('x');
    await delay(80);
    expect(await cache.get('short')).toBeUndefined();
    expect(await cache.get('kept')).toBe('y');
    await cache.delete('kept');
    expect(await cache.get('kept')).toBeUndefined();
  });
});

describe('createPersistedQueryStore in memory', () => {
  it('is bounded by the bytes of the documents kept', async () => {
    const store = createPersistedQueryStore({ ...DEFAULT_PERSISTED_QUERIES, maxBytes: 10 }, undefined);
    await store.set('a', '123456');
    await store.set('b', '123456');
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBe('123456');
    await store.set('huge', '12345678901');
    expect(await store.get('huge')).toBeUndefined();
  });
});
