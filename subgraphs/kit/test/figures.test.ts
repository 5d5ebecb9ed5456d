import { describe, expect, it } from '@jest/globals';
import { median, roundTo } from '../src';

describe('median()', () => {
  it('is the middle value, or the mean of the middle two, exact', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(median([1 / 3])).toBeCloseTo(0.3333, 4);
  });
});

describe('roundTo()', () => {
  it('rounds a figure for display and keeps null', () => {
    expect(roundTo(1 / 3, 1)).toBe(0.3);
    expect(roundTo(2.345, 2)).toBe(2.35);
    expect(roundTo(null, 1)).toBeNull();
  });
});
