import { identifier, optionalText, text, z } from '@liangling/kit';
import { Field, ID, InputType } from 'type-graphql';
import { MAX_EXTENSION_DAYS } from './clocks';
import { PetitionChannel } from './enums';
import { regionPathOf } from './petition-place';

/** What every new petition says, however it comes in. */
@InputType()
class PetitionTextInput {
  @Field({ description: '1 to 100 characters.' })
  subject!: string;

  @Field({ description: '1 to 5000 characters.' })
  content!: string;

  @Field({ description: 'Code of the department the petition is about, e.g. CITY_MANAGEMENT.' })
  targetDepartment!: string;
}

@InputType()
export class SubmitPetitionInput extends PetitionTextInput {
  @Field(() => PetitionChannel, { defaultValue: PetitionChannel.ONLINE })
  channel!: PetitionChannel;

  @Field({ description: 'The client’s idempotency key: submitting the same key again returns the first petition.' })
  clientKey!: string;
}

@InputType({ description: 'A petition the petitions office takes in on a resident’s behalf: a visit, a letter or a 12345 call.' })
export class RecordPetitionInput extends PetitionTextInput {
  @Field(() => PetitionChannel, { description: 'VISIT, LETTER or HOTLINE_12345; residents file ONLINE petitions themselves.' })
  channel!: PetitionChannel;

  @Field({ description: 'The office’s idempotency key for this intake: recording the same key again returns the first petition.' })
  clientKey!: string;

  @Field(() => ID, {
    description: 'The petitioner’s home region, best their grid (e.g. `r-210103-1-1-1`): where the petition counts in statistics.',
  })
  homeRegionId!: string;
}

/** Channels the office records for a resident; residents themselves file online. */
const OFFICE_CHANNELS: readonly PetitionChannel[] = [PetitionChannel.VISIT, PetitionChannel.LETTER, PetitionChannel.HOTLINE_12345];

/** The text of a new petition, checked after its channel (the first wrong field is the one named). */
const petitionText = {
  subject: text(100),
  content: text(5000),
  targetDepartment: z.string().regex(/^[A-Z][A-Z_]{1,39}$/, { error: 'must be a department code such as CITY_MANAGEMENT' }),
  clientKey: identifier(),
};

export const submitPetitionSchema = z.object({
  channel: z.enum(PetitionChannel).refine((channel) => channel === PetitionChannel.ONLINE, {
    error: 'must be ONLINE: visits, letters and 12345 calls are recorded by the petitions office',
  }),
  ...petitionText,
});

/** The office's intake; `homeRegionId` comes out as the region's stored path. */
export const recordPetitionSchema = z.object({
  channel: z.enum(PetitionChannel).refine((channel) => OFFICE_CHANNELS.includes(channel), {
    error: `must be one of ${OFFICE_CHANNELS.join(', ')}: residents file ONLINE petitions themselves`,
  }),
  ...petitionText,
  homeRegionId: z.string().transform((id, context) => {
    const path = regionPathOf(id);
    if (path === null) context.addIssue({ code: 'custom', message: 'must be a region id such as r-210103-1-1-1' });
    return path ?? z.NEVER;
  }),
});

/** A petitioner as the residents department numbers residents. */
export const petitionerIdSchema = z.string().regex(/^p-\d{7}$/, { error: 'must be a resident id such as p-0000001' });

/** A whole number in [min, max], one message for every way of missing it. */
function wholeNumber(min: number, max: number) {
  const error = `must be ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** A refusal gives its reason; an acceptance may. */
export const decisionSchema = z.object({ accept: z.boolean(), reason: optionalText(1000) }).superRefine((decision, context) => {
  if (!decision.accept && !decision.reason)
    context.addIssue({ code: 'custom', path: ['reason'], message: 'is required when a petition is not accepted' });
});

export const extensionSchema = z.object({
  days: wholeNumber(1, MAX_EXTENSION_DAYS),
  reason: text(1000),
});

export const replySchema = z.object({ reply: text(5000) });

/** Not upheld, the note is the new reply, so it is required. */
export const reviewConclusionSchema = z.object({ upheld: z.boolean(), note: optionalText(5000) }).superRefine((conclusion, context) => {
  if (!conclusion.upheld && !conclusion.note)
    context.addIssue({ code: 'custom', path: ['note'], message: 'is required when the reply is not upheld: it is the new reply' });
});

export const ratingSchema = z.object({ satisfaction: wholeNumber(1, 5) });
