// Input validation, one way for every department: a zod schema per input (beside the input type, in
// `<entity>.inputs.ts`), checked with `validate()`, which returns the cleaned value (trimmed, normalised)
// or throws BAD_USER_INPUT naming the first field that failed. Nothing is written before it passes.
import { codedError } from '@liangling/schema';
import { z } from 'zod';

export { z };

/** An id as departments give them out: 1 to 64 letters, digits or `. _ : -`. */
export const ID_PATTERN = /^[\w.:-]{1,64}$/;

/** Trimmed text of `min` to `max` characters. */
export function text(max: number, min = 1): z.ZodString {
  return z
    .string()
    .trim()
    .min(min, { error: min === 1 ? `must not be empty (at most ${max} characters)` : `must be ${min} to ${max} characters` })
    .max(max, { error: `must be ${min} to ${max} characters` });
}

/** Optional trimmed text: null, absent or blank is `undefined`; otherwise at most `max` characters. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .nullish()
    .transform((value) => value || undefined);
}

/** An id of another department's record: this one cannot look it up, so it checks its shape. */
export function identifier(): z.ZodString {
  return z.string().regex(ID_PATTERN, { error: 'must be an id (1 to 64 letters, digits or . _ : -)' });
}

/**
 * Checks `value` against `schema`: the parsed value, or BAD_USER_INPUT whose message and
 * `extensions.field` (also `extensions.argument`, which older clients read) name the first field that
 * failed, as a dotted path under `at` (the argument's name, when the value is one argument's).
 */
export function validate<Schema extends z.ZodType>(schema: Schema, value: z.input<Schema>, at?: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [at, ...(issue?.path ?? []).map(String)].filter((part): part is string => Boolean(part)).join('.') || 'input';
  throw invalidInput(path, issue?.message ?? 'is invalid');
}

/**
 * BAD_USER_INPUT for the input at `path`: for checks a schema cannot make (a date in the future, a
 * household that does not exist). A message that is a sentence (capitalised) is kept; a phrase
 * (`must be …`) is put after the path.
 */
export function invalidInput(path: string, message: string) {
  const sentence = /^[A-Z]/.test(message) ? message : `${path} ${message}`;
  return codedError('BAD_USER_INPUT', /[.!?]$/.test(sentence) ? sentence : `${sentence}.`, { field: path, argument: path });
}
