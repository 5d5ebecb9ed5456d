import { z } from '@liangling/kit';

/** The period of submission a search is narrowed to: [from, to), either end open. */
export const submittedBetweenSchema = z
  .object({ from: z.date().nullish(), to: z.date().nullish() })
  .superRefine(({ from, to }, context) => {
    if (from && to && from.getTime() >= to.getTime()) context.addIssue({ code: 'custom', path: ['from'], message: 'must be before `to`' });
  });
