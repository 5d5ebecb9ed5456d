import { text, z } from '@liangling/kit';
import { Field, ID, InputType } from 'type-graphql';
import { AlertKind, AlertSeverity } from './enums';

@InputType({ description: 'An alert candidate of the early-warning engine. Raising the same `dedupeKey` again returns the first alert.' })
export class RaiseAlertInput {
  @Field(() => AlertKind)
  kind!: AlertKind;

  @Field(() => AlertSeverity)
  severity!: AlertSeverity;

  @Field({ description: 'kind + subject + window, 1 to 200 characters: one alert per key, ever.' })
  dedupeKey!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The place, most precise first: a household, a building, or a region (a street for a petition surge).',
  })
  householdId?: string;

  @Field(() => ID, { nullable: true })
  buildingId?: string;

  @Field(() => ID, { nullable: true })
  regionId?: string;

  @Field({ nullable: true, description: 'What the rule saw, naming no person (up to 2,000 characters).' })
  evidence?: string;

  @Field({ nullable: true, description: 'What the rule saw about the resident `residentId` (up to 2,000 characters).' })
  personalEvidence?: string;

  @Field(() => ID, { nullable: true, description: 'The resident the alert is about.' })
  residentId?: string;

  @Field(() => [ID], { defaultValue: [] })
  deviceIds!: string[];

  @Field(() => [ID], { defaultValue: [] })
  requestIds!: string[];

  @Field(() => [ID], { defaultValue: [] })
  petitionIds!: string[];
}

/** What the rule saw, as it wrote it (not trimmed), up to 2,000 characters. */
const evidence = z.string().max(2000, { error: 'must be at most 2000 characters' }).nullish();

/** The checks of a candidate the schema can make; whether its place exists is the database's to say. */
export const raiseAlertSchema = z
  .object({ dedupeKey: text(200), evidence, personalEvidence: evidence, residentId: z.string().nullish() })
  .superRefine((candidate, context) => {
    if (candidate.personalEvidence && !candidate.residentId) {
      context.addIssue({ code: 'custom', path: ['residentId'], message: 'Personal evidence must name its resident in residentId' });
    }
  });

export const resolutionSchema = z.object({ resolution: text(500) });

/** A region as the subscription takes it: an id, not a path or a pattern. */
export const alertRaisedSchema = z.object({ regionId: z.string().regex(/^r-[\w-]{1,80}$/, { error: 'is not a region id' }) });
