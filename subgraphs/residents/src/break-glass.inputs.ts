import { MAX_PAGE_SIZE, text, z } from '@liangling/kit';

/** Why the glass is broken: 10 to 500 characters, never absent. */
export const breakGlassReasonSchema = z
  .string()
  .nullish()
  .transform((reason) => reason ?? '')
  .pipe(text(500, 10));

/** How many break-glass reveals a page of the report holds. */
export const reportPageSchema = z
  .number()
  .int()
  .min(1, { error: `must be between 1 and ${MAX_PAGE_SIZE}` })
  .max(MAX_PAGE_SIZE, { error: `must be between 1 and ${MAX_PAGE_SIZE}` });
