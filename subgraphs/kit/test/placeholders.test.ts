import { describe, expect, it } from '@jest/globals';
import { numberPlaceholders } from '../src/db/postgres';

describe('numberPlaceholders (SQLite-style raw SQL on PostgreSQL)', () => {
  it('numbers each ? in order', () => {
    expect(numberPlaceholders('SELECT "id" FROM "Resident" WHERE "regionPath" >= ? AND "regionPath" < ? LIMIT ?')).toBe(
      'SELECT "id" FROM "Resident" WHERE "regionPath" >= $1 AND "regionPath" < $2 LIMIT $3',
    );
  });

  it('leaves ? inside strings, quoted identifiers and comments alone', () => {
    expect(numberPlaceholders(`SELECT 'a?b', 'it''s?', "we?ird" FROM t -- why?\nWHERE x = ? /* or? */ AND y = ?`)).toBe(
      `SELECT 'a?b', 'it''s?', "we?ird" FROM t -- why?\nWHERE x = $1 /* or? */ AND y = $2`,
    );
  });

  it('leaves statements that are numbered already unchanged', () => {
    expect(numberPlaceholders('SELECT * FROM t WHERE a = $1 AND b ? c')).toBe('SELECT * FROM t WHERE a = $1 AND b ? c');
  });
});
