// The residents department's input schemas and state tables on their own (the department's behaviour
// tests reach them through the gateway).
import { describe, expect, it } from '@jest/globals';
import { idNumberCheck, validate, type z } from '@liangling/kit';
import { GraphQLError } from 'graphql';
import { breakGlassReasonSchema, reportPageSchema } from '../src/break-glass.inputs';
import { planCareVisitSchema } from '../src/care-visit.inputs';
import { AssistanceStatus, CareVisitStatus, Gender } from '../src/enums';
import { assistanceLifecycle, careVisitLifecycle } from '../src/lifecycle';
import { registerResidentSchema, phoneSchema } from '../src/resident-register.inputs';
import { searchResidentsSchema } from '../src/resident.inputs';

/** What `validate` refuses the value with: the error's extensions and message; undefined when it passes. */
function refused<Schema extends z.ZodType>(schema: Schema, value: z.input<Schema>, at?: string): Record<string, unknown> | undefined {
  try {
    validate(schema, value, at);
    return undefined;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { ...error.extensions, message: error.message };
  }
}

function idNumber(birthDate: string, sequence: number): string {
  const first17 = `210103${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheck(first17);
}

const newcomer = {
  householdId: 'h-0000001',
  name: ' 刘新来 ',
  gender: Gender.MALE,
  birthDate: '1990-05-17',
  phone: '139-1234 5678',
  idNumber: idNumber('1990-05-17', 123),
  livesAlone: false,
  disability: false,
  lowIncome: true,
};

describe('a resident’s registration', () => {
  it('comes back cleaned: the name trimmed, the ID number upper-case, the phone as digits', () => {
    const lower = idNumber('1990-05-17', 125).toLowerCase();
    expect(validate(registerResidentSchema, { ...newcomer, idNumber: ` ${lower} ` })).toEqual({
      ...newcomer,
      name: '刘新来',
      phone: '13912345678',
      idNumber: lower.toUpperCase(),
    });
  });

  it.each([
    ['an empty name', { name: '  ' }, 'name'],
    [
      'a wrong check character',
      { idNumber: idNumber('1990-05-17', 123).slice(0, 17) + (idNumber('1990-05-17', 123).endsWith('1') ? '2' : '1') },
      'idNumber',
    ],
    ['17 characters', { idNumber: idNumber('1990-05-17', 123).slice(0, 17) }, 'idNumber'],
    ['a date that does not exist', { birthDate: '1990-02-30' }, 'birthDate'],
    ['a birth date the ID number does not encode', { birthDate: '1990-05-18' }, 'birthDate'],
    ['a gender the sex digit contradicts', { gender: Gender.FEMALE }, 'gender'],
    ['a landline', { phone: '02422334455' }, 'phone'],
  ])('refuses %s, naming the field', (_what, change, field) => {
    expect(refused(registerResidentSchema, { ...newcomer, ...change })).toMatchObject({ code: 'BAD_USER_INPUT', field, argument: field });
  });

  it('says what the ID number encodes when the birth date differs', () => {
    expect(refused(registerResidentSchema, { ...newcomer, birthDate: '1990-05-18' })).toMatchObject({
      message: 'The birth date does not match the ID number, which says 1990-05-17.',
    });
  });

  it('names a field that is wrong in itself before one that only disagrees with another', () => {
    expect(refused(registerResidentSchema, { ...newcomer, gender: Gender.FEMALE, phone: '123' })).toMatchObject({ field: 'phone' });
  });
});

describe('a phone number', () => {
  it('is a mainland mobile number, spaces and dashes dropped', () => {
    expect(validate(phoneSchema, '138 0000-1111', 'phone')).toBe('13800001111');
    expect(refused(phoneSchema, '12912345678', 'phone')).toMatchObject({
      field: 'phone',
      message: 'A phone number is a mainland mobile number: 11 digits starting 13–19.',
    });
  });
});

describe('a search', () => {
  it('takes 1 to 30 characters of a name, or 3 to 11 digits of a phone', () => {
    expect(validate(searchResidentsSchema, { text: ' 周 ', first: 20 })).toEqual({ text: '周', first: 20 });
    expect(refused(searchResidentsSchema, { text: '  ', first: 20 })).toMatchObject({ field: 'text' });
    expect(refused(searchResidentsSchema, { text: '13', first: 20 })).toMatchObject({
      field: 'text',
      message: 'Search for 3 to 11 digits of a mobile number.',
    });
    expect(refused(searchResidentsSchema, { text: '138000011112', first: 20 })).toMatchObject({ field: 'text' });
    expect(refused(searchResidentsSchema, { text: '周', first: 0 })).toMatchObject({ field: 'first' });
  });
});

describe('a care visit’s plan', () => {
  const start = new Date('2026-12-01T08:00:00Z');
  const plan = {
    householdId: 'h-0000001',
    assigneeId: ' gw-1 ',
    reason: ' 独居老人走访 ',
    windowStart: start,
    windowEnd: new Date(start.getTime() + 3_600_000),
  };

  it('is trimmed', () => {
    expect(validate(planCareVisitSchema, plan)).toMatchObject({ assigneeId: 'gw-1', reason: '独居老人走访' });
  });

  it('has a window that ends after it starts and lasts at most 7 days, refused at windowEnd', () => {
    expect(refused(planCareVisitSchema, { ...plan, windowEnd: start })).toMatchObject({ field: 'windowEnd' });
    expect(refused(planCareVisitSchema, { ...plan, windowEnd: new Date(start.getTime() + 7 * 24 * 3_600_000 + 1) })).toMatchObject({
      field: 'windowEnd',
    });
    expect(validate(planCareVisitSchema, { ...plan, windowEnd: new Date(start.getTime() + 7 * 24 * 3_600_000) }).windowEnd.getTime()).toBe(
      start.getTime() + 7 * 24 * 3_600_000,
    );
  });

  it('needs a reason of at most 200 characters and an assignee id', () => {
    expect(refused(planCareVisitSchema, { ...plan, reason: 'x'.repeat(201) })).toMatchObject({ field: 'reason' });
    expect(refused(planCareVisitSchema, { ...plan, assigneeId: ' ' })).toMatchObject({ field: 'assigneeId' });
  });
});

describe('a break-glass', () => {
  it('needs a reason of 10 to 500 characters: absent is refused at reason, like blank', () => {
    expect(refused(breakGlassReasonSchema, null, 'reason')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason', argument: 'reason' });
    expect(refused(breakGlassReasonSchema, '          ', 'reason')).toMatchObject({ field: 'reason' });
    expect(validate(breakGlassReasonSchema, ' 燃气泄漏报警，需联系住户 ', 'reason')).toBe('燃气泄漏报警，需联系住户');
  });

  it('report pages hold 1 to 500', () => {
    expect(validate(reportPageSchema, 50, 'first')).toBe(50);
    expect(refused(reportPageSchema, 0, 'first')).toMatchObject({ field: 'first' });
    expect(refused(reportPageSchema, 501, 'first')).toMatchObject({ field: 'first' });
  });
});

describe('the state tables', () => {
  it('close a planned care visit once', () => {
    expect(careVisitLifecycle.decide('close', CareVisitStatus.PLANNED)).toMatchObject({ ok: true, to: CareVisitStatus.CLOSED });
    expect(careVisitLifecycle.decide('close', CareVisitStatus.CLOSED)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('decide an open application once, either way', () => {
    expect(assistanceLifecycle.next('approve', AssistanceStatus.OPEN)).toBe(AssistanceStatus.APPROVED);
    expect(assistanceLifecycle.next('refuse', AssistanceStatus.OPEN)).toBe(AssistanceStatus.REFUSED);
    expect(assistanceLifecycle.decide('refuse', AssistanceStatus.APPROVED)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });
});
