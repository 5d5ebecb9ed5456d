import { describe, expect, it } from '@jest/globals';
import { maskValue } from '../src';

describe('maskValue()', () => {
  it.each([
    ['NAME', '张三丰', '张**'],
    ['NAME', '李娜', '李**'],
    ['PHONE', '13812345678', '138****5678'],
    ['PHONE', '12345', '***'],
    ['ID_NUMBER', '21010219500101123X', '2101**************'],
    ['ID_NUMBER', 'not-an-id', '***'],
    ['ADDRESS', '沈阳市沈河区多福社区3号楼2单元101', '沈阳市***'],
    ['YEAR', '1950-01-01', '1950'],
    ['REDACT', '暖气不热', '***'],
    ['NULL', 'anything', null],
  ] as const)('%s masks %s as %s', (strategy, value, expected) => {
    expect(maskValue(strategy, value)).toBe(expected);
  });

  it('never tells the length of a name', () => {
    expect(maskValue('NAME', '王五')).toBe(maskValue('NAME', '王五六七'));
  });

  it('shows nothing of an ID number that encodes the birth date or the sex', () => {
    // Same city, different birth date, sex digit and check character: one mask.
    const masks = ['210102195001011234', '21010220011231567X', '210102198806060021'].map((id) => maskValue('ID_NUMBER', id));
    expect(new Set(masks).size).toBe(1);
    expect(masks[0]).toHaveLength(18);
  });

  it('hides non-text values whole', () => {
    expect(maskValue('REDACT', true)).toBeNull();
    expect(maskValue('YEAR', 42)).toBeNull();
  });

  it('hides a list whole, so its length is not told either', () => {
    expect(maskValue('REDACT', ['助老', '维修'])).toBeNull();
    expect(maskValue('NAME', ['张三'])).toBeNull();
  });

  it('leaves absent values absent', () => {
    expect(maskValue('NAME', null)).toBeNull();
  });
});
