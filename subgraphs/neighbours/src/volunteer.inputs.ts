import { text, z } from '@liangling/kit';
import { Field, InputType } from 'type-graphql';

@InputType()
export class SignUpAsVolunteerInput {
  @Field(() => [String], { description: '1 to 10 skills, each 1 to 20 characters.' })
  skills!: string[];

  @Field({ description: '1 to 100 characters, e.g. "周末上午".' })
  availability!: string;
}

export const signUpAsVolunteerSchema = z.object({
  // Trimmed and each named once; checked as a whole, so that the error names `skills`.
  skills: z.array(z.string()).transform((skills, context) => {
    const unique = [...new Set(skills.map((skill) => skill.trim()))];
    if (unique.length >= 1 && unique.length <= 10 && unique.every((skill) => skill.length >= 1 && skill.length <= 20)) return unique;
    context.addIssue({ code: 'custom', message: 'must be 1 to 10 skills of 1 to 20 characters each' });
    return z.NEVER;
  }),
  availability: text(100),
});
