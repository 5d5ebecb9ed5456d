// The input schemas of alerts and readings, through the kit's validate(), and the alert lifecycle's
// refusals: BAD_USER_INPUT naming the field (`extensions.field`), CONFLICT naming the status.
import { describe, expect, it } from '@jest/globals';
import { validate } from '@liangling/kit';
import { alertRaisedSchema, raiseAlertSchema, resolutionSchema } from '../src/alert.inputs';
import { AlertStatus } from '../src/enums';
import { alertLifecycle } from '../src/lifecycle';
import { MAX_READINGS_PER_BATCH, readingBatchSchema, readingPeriodSchema } from '../src/reading.inputs';

/** A BAD_USER_INPUT naming `field`. */
const badInput = (field: string) =>
  expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field, argument: field }) });

describe('an alert candidate', () => {
  it('has its dedupe key trimmed and its evidence as the rule wrote it', () => {
    expect(validate(raiseAlertSchema, { dedupeKey: ' FIRE:b-000001:2026-03 ', evidence: ' 烟感 42%obs/m ' })).toEqual({
      dedupeKey: 'FIRE:b-000001:2026-03',
      evidence: ' 烟感 42%obs/m ',
    });
  });

  it('names the field that is wrong', () => {
    expect(() => validate(raiseAlertSchema, { dedupeKey: '  ' })).toThrow(badInput('dedupeKey'));
    expect(() => validate(raiseAlertSchema, { dedupeKey: 'k'.repeat(201) })).toThrow(badInput('dedupeKey'));
    expect(() => validate(raiseAlertSchema, { dedupeKey: 'k', evidence: 'x'.repeat(2001) })).toThrow(badInput('evidence'));
    expect(() => validate(raiseAlertSchema, { dedupeKey: 'k', personalEvidence: '三天未出门' })).toThrow(badInput('residentId'));
    expect(validate(raiseAlertSchema, { dedupeKey: 'k', personalEvidence: '三天未出门', residentId: 'p-0000001' }).residentId).toBe(
      'p-0000001',
    );
  });

  it('is resolved saying what was done, 1 to 500 characters', () => {
    expect(validate(resolutionSchema, { resolution: ' 已处置 ' })).toEqual({ resolution: '已处置' });
    expect(() => validate(resolutionSchema, { resolution: ' ' })).toThrow(badInput('resolution'));
  });

  it('is followed live in a region given by its id', () => {
    expect(validate(alertRaisedSchema, { regionId: 'r-210103-1' })).toEqual({ regionId: 'r-210103-1' });
    expect(() => validate(alertRaisedSchema, { regionId: '/r-2101/' })).toThrow(badInput('regionId'));
  });
});

describe('readings', () => {
  it('come in batches of at most 10,000', () => {
    expect(() => validate(readingBatchSchema, { readings: new Array(MAX_READINGS_PER_BATCH).fill({}) })).not.toThrow();
    expect(() => validate(readingBatchSchema, { readings: new Array(MAX_READINGS_PER_BATCH + 1).fill({}) })).toThrow(badInput('readings'));
  });

  it('are asked for over a period that is not empty', () => {
    const at = new Date('2026-03-01T00:00:00Z');
    expect(() => validate(readingPeriodSchema, { from: at, to: new Date(at.getTime() + 1) })).not.toThrow();
    expect(() => validate(readingPeriodSchema, { from: at, to: at })).toThrow(badInput('from'));
  });
});

describe('the alert lifecycle', () => {
  it('acknowledges an OPEN alert and resolves an ACKNOWLEDGED one, nothing else', () => {
    expect(alertLifecycle.next('acknowledge', AlertStatus.OPEN)).toBe(AlertStatus.ACKNOWLEDGED);
    expect(alertLifecycle.next('resolve', AlertStatus.ACKNOWLEDGED)).toBe(AlertStatus.RESOLVED);
    expect(alertLifecycle.allows('resolve', AlertStatus.OPEN)).toBe(false);
    expect(alertLifecycle.decide('acknowledge', AlertStatus.RESOLVED)).toEqual({
      ok: false,
      code: 'CONFLICT',
      message: 'An alert that is RESOLVED cannot be acknowledged; that needs OPEN. Nothing was changed.',
    });
  });
});
