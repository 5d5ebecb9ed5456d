import { birthDateOfIdNumber, isValidIdNumber, text, z } from '@liangling/kit';
import { Field, ID, InputType } from 'type-graphql';
import { Gender } from './enums';

@InputType({ description: 'A new resident of an existing household.' })
export class RegisterResidentInput {
  @Field(() => ID)
  householdId!: string;

  @Field()
  name!: string;

  @Field(() => Gender)
  gender!: Gender;

  @Field({ description: 'YYYY-MM-DD; must be the date the ID number encodes.' })
  birthDate!: string;

  @Field({ description: 'Mainland mobile number.' })
  phone!: string;

  @Field({ description: '18-character 居民身份证号 with a valid GB 11643 check character.' })
  idNumber!: string;

  @Field(() => Boolean, { defaultValue: false })
  livesAlone!: boolean;

  @Field(() => Boolean, { defaultValue: false })
  disability!: boolean;

  @Field(() => Boolean, { defaultValue: false })
  lowIncome!: boolean;
}

/** A mainland China mobile number: 11 digits, 1 then 3–9. */
const MOBILE_PHONE = /^1[3-9]\d{9}$/;

/** A mainland mobile number, spaces and dashes allowed in what was typed. */
export const phoneSchema = z
  .string()
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(MOBILE_PHONE, { error: 'A phone number is a mainland mobile number: 11 digits starting 13–19.' }));

/** A real date written YYYY-MM-DD (not 1990-02-30). */
function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return !!match && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().slice(0, 10) === value;
}

/**
 * A resident's registration, checked the way the 居民身份证 itself is checked (GB 11643): 18 characters
 * with a valid check character, the birth date it encodes equal to the one given, the sex digit (the
 * 17th: odd for men) equal to the gender given; and a mainland mobile number. That the birth date is
 * not in the future is the resolver's check (the clock).
 */
export const registerResidentSchema = z
  .object({
    householdId: z.string(),
    name: text(30),
    idNumber: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^\d{17}[\dX]$/, { error: 'An ID number has 17 digits and a check character (a digit or X).' })
      .refine(isValidIdNumber, { error: 'The ID number’s check character is wrong (GB 11643): mistyped?' }),
    birthDate: z.string().trim().refine(isRealDate, { error: 'A birth date is a real date written YYYY-MM-DD.' }),
    gender: z.enum(Gender),
    phone: phoneSchema,
    livesAlone: z.boolean(),
    disability: z.boolean(),
    lowIncome: z.boolean(),
  })
  .superRefine((input, context) => {
    // Field issues come first, so these speak only when the fields themselves are sound.
    const encoded = birthDateOfIdNumber(input.idNumber);
    if (encoded !== input.birthDate) {
      context.addIssue({
        code: 'custom',
        path: ['birthDate'],
        message: `The birth date does not match the ID number, which says ${encoded}.`,
      });
    } else if ((input.gender === Gender.MALE) !== (Number(input.idNumber[16]) % 2 === 1)) {
      context.addIssue({ code: 'custom', path: ['gender'], message: 'The gender does not match the ID number’s sex digit.' });
    }
  });
