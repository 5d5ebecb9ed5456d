import { identifier, optionalText, text, z } from '@liangling/kit';
import { Field, ID, InputType } from 'type-graphql';
import { RepairCategory } from './enums';

@InputType()
export class SubmitRepairRequestInput {
  @Field(() => RepairCategory)
  category!: RepairCategory;

  @Field({ description: '1 to 500 characters.' })
  description!: string;

  @Field({ description: 'A mainland mobile number to call back.' })
  contactPhone!: string;

  @Field({ description: 'The client’s idempotency key: submitting the same key again returns the first request.' })
  clientKey!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The household the fault is in (`me { household { id } }`); it must be at the resident’s registered home.',
  })
  householdId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The building, for a fault in its common parts (a stairwell light); with `householdId`, it must be that household’s building. Must be in the resident’s home grid.',
  })
  buildingId?: string | null;
}

export const submitRepairRequestSchema = z.object({
  category: z.enum(RepairCategory),
  description: text(500),
  contactPhone: z.string().regex(/^1[3-9]\d{9}$/, { error: 'must be a mainland mobile number (11 digits, 13x–19x)' }),
  clientKey: identifier(),
  // Checked against the resident's home where the request is placed (placeOf).
  householdId: z.string().nullish(),
  buildingId: z.string().nullish(),
});

/** A note on a move, or a resident's words on a repair: at most 500 characters; blank is none. */
export const noteSchema = optionalText(500);

/** Satisfaction, 1 (poor) to 5 (excellent). */
export const ratingSchema = z
  .number()
  .int({ error: 'must be 1 to 5' })
  .min(1, { error: 'must be 1 to 5' })
  .max(5, { error: 'must be 1 to 5' });

/** An organisation to dispatch to; absent, the category's default. */
export const organisationIdSchema = z
  .string()
  .regex(/^org-[\w-]{1,80}$/, { error: 'is not an organisation id' })
  .nullish();
