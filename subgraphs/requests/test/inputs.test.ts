import { describe, expect, it } from '@jest/globals';
import { validate } from '@liangling/kit';
import { GraphQLError } from 'graphql';
import { RepairCategory } from '../src/enums';
import { jointDepartmentsSchema } from '../src/joint-task.inputs';
import { noteSchema, organisationIdSchema, ratingSchema, submitRepairRequestSchema } from '../src/repair-request.inputs';
import { submittedBetweenSchema } from '../src/request-search.inputs';

/** The field a refused input names, and the message; fails the test when the input passes. */
function refusal(run: () => unknown): { code: unknown; field: unknown; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof GraphQLError) return { code: error.extensions['code'], field: error.extensions['field'], message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

const submission = { category: RepairCategory.WATER, description: ' 厨房水管漏水 ', contactPhone: '13800138000', clientKey: 'k-1' };

describe('a submission', () => {
  it('is trimmed, and keeps the household and building it names', () => {
    expect(validate(submitRepairRequestSchema, { ...submission, householdId: 'h-1', buildingId: null })).toEqual({ ...submission, description: '厨房水管漏水', householdId: 'h-1', buildingId: null });
  });

  it('names the field that is wrong: description, contactPhone, clientKey', () => {
    expect(refusal(() => validate(submitRepairRequestSchema, { ...submission, description: '  ' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'description' });
    expect(refusal(() => validate(submitRepairRequestSchema, { ...submission, description: 'x'.repeat(501) })).field).toBe('description');
    expect(refusal(() => validate(submitRepairRequestSchema, { ...submission, contactPhone: '12800138000' }))).toMatchObject({
      field: 'contactPhone',
      message: 'contactPhone must be a mainland mobile number (11 digits, 13x–19x).',
    });
    expect(refusal(() => validate(submitRepairRequestSchema, { ...submission, clientKey: 'has spaces' })).field).toBe('clientKey');
  });
});

describe('the arguments of a move', () => {
  it('takes a blank note as none and refuses one over 500 characters, naming the argument', () => {
    expect(validate(noteSchema, '   ', 'note')).toBeUndefined();
    expect(validate(noteSchema, ' 已联系居民 ', 'note')).toBe('已联系居民');
    expect(refusal(() => validate(noteSchema, 'x'.repeat(501), 'feedback'))).toMatchObject({ field: 'feedback', message: 'feedback must be at most 500 characters.' });
  });

  it('rates 1 to 5 in whole stars', () => {
    expect(validate(ratingSchema, 5, 'rating')).toBe(5);
    for (const rating of [0, 6, 2.5]) expect(refusal(() => validate(ratingSchema, rating, 'rating'))).toMatchObject({ field: 'rating', message: 'rating must be 1 to 5.' });
  });

  it('dispatches to an organisation id, or to the default without one', () => {
    expect(validate(organisationIdSchema, null, 'organisationId')).toBeNull();
    expect(validate(organisationIdSchema, 'org-water', 'organisationId')).toBe('org-water');
    expect(refusal(() => validate(organisationIdSchema, 'water', 'organisationId')).field).toBe('organisationId');
  });

  it('opens a joint resolution with 2 to 8 different department codes, naming departments', () => {
    expect(validate(jointDepartmentsSchema, ['CITY_MANAGEMENT', 'ENFORCEMENT'], 'departments')).toEqual(['CITY_MANAGEMENT', 'ENFORCEMENT']);
    for (const departments of [['ENFORCEMENT'], ['ENFORCEMENT', 'ENFORCEMENT'], Array.from({ length: 9 }, (_, n) => `DEPT_${n}`), ['ENFORCEMENT', 'enforcement']]) {
      expect(refusal(() => validate(jointDepartmentsSchema, departments, 'departments'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'departments' });
    }
  });
});

describe('a search', () => {
  it('needs from before to, naming from', () => {
    expect(validate(submittedBetweenSchema, { from: new Date(1), to: null })).toEqual({ from: new Date(1), to: null });
    expect(refusal(() => validate(submittedBetweenSchema, { from: new Date(2), to: new Date(2) })).field).toBe('from');
  });
});
