import { birthDateOfIdNumber, isValidIdNumber } from '@liangling/kit';

/** An input that passed, or the first field that did not and why. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly field: string; readonly message: string };

/** A mainland China mobile number: 11 digits, 1 then 3–9. */
export const MOBILE_PHONE = /^1[3-9]\d{9}$/;

export interface NewResident {
  readonly householdId: string;
  readonly name: string;
  readonly gender: 'MALE' | 'FEMALE';
  readonly birthDate: string;
  readonly phone: string;
  readonly idNumber: string;
}

/**
 * Checks a resident's registration the way the 居民身份证 itself is checked (GB 11643): 18 characters
 * with a valid check character, the birth date it encodes equal to the one given, the sex digit
 * (the 17th: odd for men) equal to the gender given; and a mainland mobile number.
 */
export function checkNewResident(input: NewResident, today: Date): Checked<NewResident> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 30) return fail('name', 'A name has 1 to 30 characters.');
  const idNumber = input.idNumber.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) return fail('idNumber', 'An ID number has 17 digits and a check character (a digit or X).');
  if (!isValidIdNumber(idNumber)) return fail('idNumber', 'The ID number’s check character is wrong (GB 11643): mistyped?');
  const birthDate = checkDate(input.birthDate, today);
  if (!birthDate.ok) return birthDate;
  if (birthDateOfIdNumber(idNumber) !== birthDate.value) return fail('birthDate', `The birth date does not match the ID number, which says ${birthDateOfIdNumber(idNumber)}.`);
  const male = Number(idNumber[16]) % 2 === 1;
  if ((input.gender === 'MALE') !== male) return fail('gender', 'The gender does not match the ID number’s sex digit.');
  const phone = checkPhone(input.phone);
  if (!phone.ok) return phone;
  return { ok: true, value: { ...input, name, idNumber, birthDate: birthDate.value, phone: phone.value } };
}

/** A mainland mobile number, spaces and dashes allowed in what was typed. */
export function checkPhone(value: string, field = 'phone'): Checked<string> {
  const phone = value.replace(/[\s-]/g, '');
  return MOBILE_PHONE.test(phone) ? { ok: true, value: phone } : fail(field, 'A phone number is a mainland mobile number: 11 digits starting 13–19.');
}

function checkDate(value: string, today: Date): Checked<string> {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!match || !date || date.toISOString().slice(0, 10) !== value.trim()) return fail('birthDate', 'A birth date is a real date written YYYY-MM-DD.');
  if (date.getTime() > today.getTime()) return fail('birthDate', 'A birth date cannot be in the future.');
  return { ok: true, value: value.trim() };
}

function fail(field: string, message: string): { ok: false; field: string; message: string } {
  return { ok: false, field, message };
}
