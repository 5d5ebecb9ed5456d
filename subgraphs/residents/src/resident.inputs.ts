import { Sensitive, z } from '@liangling/kit';
import { Field, InputType } from 'type-graphql';
import { AgeBand, Gender } from './enums';

@InputType({
  description:
    'Narrows a list of residents. Selecting by a field needs the clearance to read that field for every resident found: otherwise the filter itself would tell who has it.',
})
export class ResidentFilter {
  @Field(() => Boolean, { nullable: true })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  livesAlone?: boolean;

  @Field(() => Boolean, { nullable: true })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  elderly?: boolean;

  @Field(() => Boolean, { nullable: true })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  disability?: boolean;

  @Field(() => Boolean, { nullable: true })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  lowIncome?: boolean;

  @Field(() => Gender, { nullable: true })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'id' })
  gender?: Gender;

  @Field(() => AgeBand, { nullable: true })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'id', field: 'birthDate' })
  ageBand?: AgeBand;
}

const SEARCH_TEXT = 'Search for 1 to 30 characters of a name, or 3 to 11 digits of a mobile number.';

/** `searchResidents`' arguments: a prefix of a name, or of a mobile number (digits only); how many at least. */
export const searchResidentsSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, { error: SEARCH_TEXT })
    .max(30, { error: SEARCH_TEXT })
    .refine((text) => !/^\d+$/.test(text) || (text.length >= 3 && text.length <= 11), {
      error: 'Search for 3 to 11 digits of a mobile number.',
    }),
  first: z.number().int().min(1, { error: 'must be at least 1' }),
});
