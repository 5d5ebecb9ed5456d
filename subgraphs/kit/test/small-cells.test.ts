import { describe, expect, it } from '@jest/globals';
import { protectCount, protectCounts } from '../src/privacy/small-cells';

const secret = 'test-secret';

describe('protectCounts', () => {
  it('gives exact counts to cleared callers, withholds 1–4, and rounds the rest to 5 after noise, the same every time', () => {
    expect(protectCounts({ a: 3, b: 0 }, { exact: true, secret, key: 'r' })).toEqual({
      a: { value: 3, suppressed: false },
      b: { value: 0, suppressed: false },
    });
    const cells = protectCounts({ zero: 0, small: 4, big: 37 }, { exact: false, secret, key: 'r' });
    expect(cells.zero).toEqual({ value: 0, suppressed: false });
    expect(cells.small.suppressed).toBe(cells.small.value === null);
    expect(cells.big.value! % 5).toBe(0);
    expect(cells.big.value!).toBeGreaterThanOrEqual(5);
    expect(protectCounts({ zero: 0, small: 4, big: 37 }, { exact: false, secret, key: 'r' })).toEqual(cells);
    expect(protectCounts({ zero: 0 }, { exact: false, secret, key: 'r', zero: 'suppress' }).zero).toEqual({
      value: null,
      suppressed: true,
    });
  });

  it('draws noise that depends on the secret, the key and the count, and is not bounded like rounding alone', () => {
    const shifts = new Set<number>();
    for (let count = 5; count < 400; count += 1) shifts.add(protectCount(count, `k|${count}`, { exact: false, secret }).value! - count);
    expect([...shifts].some((shift) => Math.abs(shift) > 2)).toBe(true);
    const other = Array.from({ length: 50 }, (_, i) => protectCount(100, `k${i}`, { exact: false, secret: 'another' }).value);
    const mine = Array.from({ length: 50 }, (_, i) => protectCount(100, `k${i}`, { exact: false, secret }).value);
    expect(other).not.toEqual(mine);
  });

  it('keys a count given in parts by its parts: the same parts give the same value, and a whole count keys as before', () => {
    const parts = [
      { part: '2026-01', count: 4 },
      { part: '2026-02', count: 9 },
    ];
    const once = protectCount(parts, 'k', { exact: false, secret });
    expect(protectCount([...parts], 'k', { exact: false, secret })).toEqual(once);
    expect(protectCount(parts, 'k', { exact: true, secret })).toEqual({ value: 13, suppressed: false });
    const small = Array.from({ length: 200 }, (_, i) =>
      protectCount([{ part: '2026-01', count: 3 }], 'k', { exact: false, secret: `s${i}` }),
    );
    expect(small.filter((cell) => cell.suppressed).length).toBeGreaterThan(140);
    expect(protectCounts({ c: 13 }, { exact: false, secret, key: 'r' }).c).toEqual(protectCount(13, 'r|c', { exact: false, secret }));
  });
});
