import { z } from '@liangling/kit';

const DEPARTMENT_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

/** The departments of a joint resolution: 2 to 8 different department codes. */
export const jointDepartmentsSchema = z.array(z.string()).superRefine((codes, context) => {
  if (codes.length < 2 || codes.length > 8 || new Set(codes).size !== codes.length) {
    context.addIssue({ code: 'custom', message: 'must be 2 to 8 different department codes' });
    return;
  }
  const bad = codes.find((code) => !DEPARTMENT_CODE.test(code));
  if (bad !== undefined) context.addIssue({ code: 'custom', message: `must be department codes: ${bad} is not one` });
});
