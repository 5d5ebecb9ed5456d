import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { identifier, invalidInput, optionalText, text, validate, z } from '../src';

const party = z.object({ name: text(10), residentId: identifier().nullish(), note: optionalText(5) });

function refusal(run: () => unknown): { code: unknown; field: unknown; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof GraphQLError) return { code: error.extensions['code'], field: error.extensions['field'], message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('validate()', () => {
  it('returns the cleaned value: trimmed, blanks absent', () => {
    expect(validate(party, { name: '  Wang  ', residentId: 'res-1', note: '   ' })).toEqual({
      name: 'Wang',
      residentId: 'res-1',
      note: undefined,
    });
  });

  it('throws BAD_USER_INPUT naming the first field that failed, under the argument', () => {
    expect(refusal(() => validate(party, { name: ' ', note: null }, 'party'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'party.name',
      message: 'party.name must not be empty (at most 10 characters).',
    });
    expect(refusal(() => validate(party, { name: 'Li', residentId: 'no spaces allowed' })).field).toBe('residentId');
    expect(refusal(() => validate(party, { name: 'Li', note: 'far too long' })).field).toBe('note');
    expect(refusal(() => validate(text(3), 'four', 'subject'))).toMatchObject({
      field: 'subject',
      message: 'subject must be 1 to 3 characters.',
    });
  });

  it('keeps a check’s own sentence as the message', () => {
    expect(invalidInput('birthDate', 'A birth date cannot be in the future.').message).toBe('A birth date cannot be in the future.');
    expect(invalidInput('phone', 'must be a mobile number').extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'phone',
      argument: 'phone',
    });
  });
});
