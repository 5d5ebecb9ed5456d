import { describe, expect, it } from '@jest/globals';
import { validate } from '@liangling/kit';
import { RepairCategory } from '../src/enums';
import { jointDepartmentsSchema } from '../src/joint-task.inputs';
import { noteSchema, organisationIdSchema, ratingSchema, submitRepairRequestSchema } from '../src/repair-request.inputs';
import { submittedBetweenSchema } from '../src/request-search.inputs';

/** Expects `run` to refuse with BAD_USER_INPUT naming `field` (and saying `message`, when given). */
const refuses = (run: () => unknown, field: string, message?: string) =>
  expect(run).toThrow(
    expect.objectContaining({ ...(message ? { message } : {}), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) }),
  );

const submission = { category: RepairCategory.WATER, description: ' 厨房水管漏水 ', contactPhone: '13800138000', clientKey: 'k-1' };

describe('a submission', () => {
  it('is trimmed, and keeps the household and building it names', () => {
    expect(validate(submitRepairRequestSchema, { ...submission, householdId: 'h-1', buildingId: null })).toEqual({
      ...submission,
      description: '厨房水管漏水',
      householdId: 'h-1',
      buildingId: null,
    });
  });

  it('names the field that is wrong: description, contactPhone, clientKey', () => {
    refuses(() => validate(submitRepairRequestSchema, { ...submission, description: '  ' }), 'description');
    refuses(() => validate(submitRepairRequestSchema, { ...submission, description: 'x'.repeat(501) }), 'description');
    refuses(
      () => validate(submitRepairRequestSchema, { ...submission, contactPhone: '12800138000' }),
      'contactPhone',
      'contactPhone must be a mainland mobile number (11 digits, 13x–19x).',
    );
    refuses(() => validate(submitRepairRequestSchema, { ...submission, clientKey: 'has spaces' }), 'clientKey');
  });
});

describe('the arguments of a move', () => {
  it('takes a blank note as none and refuses one over 500 characters, naming the argument', () => {
    expect(validate(noteSchema, '   ', 'note')).toBeUndefined();
    expect(validate(noteSchema, ' 已联系居民 ', 'note')).toBe('已联系居民');
    refuses(() => validate(noteSchema, 'x'.repeat(501), 'feedback'), 'feedback', 'feedback must be at most 500 characters.');
  });

  it('rates 1 to 5 in whole stars', () => {
    expect(validate(ratingSchema, 5, 'rating')).toBe(5);
    for (const rating of [0, 6, 2.5]) refuses(() => validate(ratingSchema, rating, 'rating'), 'rating', 'rating must be 1 to 5.');
  });

  it('dispatches to an organisation id, or to the default without one', () => {
    expect(validate(organisationIdSchema, null, 'organisationId')).toBeNull();
    expect(validate(organisationIdSchema, 'org-water', 'organisationId')).toBe('org-water');
    refuses(() => validate(organisationIdSchema, 'water', 'organisationId'), 'organisationId');
  });

  it('opens a joint resolution with 2 to 8 different department codes, naming departments', () => {
    expect(validate(jointDepartmentsSchema, ['CITY_MANAGEMENT', 'ENFORCEMENT'], 'departments')).toEqual(['CITY_MANAGEMENT', 'ENFORCEMENT']);
    for (const departments of [
      ['ENFORCEMENT'],
      ['ENFORCEMENT', 'ENFORCEMENT'],
      Array.from({ length: 9 }, (_, n) => `DEPT_${n}`),
      ['ENFORCEMENT', 'enforcement'],
    ]) {
      refuses(() => validate(jointDepartmentsSchema, departments, 'departments'), 'departments');
    }
  });
});

describe('a search', () => {
  it('needs from before to, naming from', () => {
    expect(validate(submittedBetweenSchema, { from: new Date(1), to: null })).toEqual({ from: new Date(1), to: null });
    refuses(() => validate(submittedBetweenSchema, { from: new Date(2), to: new Date(2) }), 'from');
  });
});
