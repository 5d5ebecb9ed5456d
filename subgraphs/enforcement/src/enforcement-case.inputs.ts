import { ID_PATTERN, text, z } from '@liangling/kit';
import { Field, ID, InputType } from 'type-graphql';
import { PartyKind } from './enums';
import type { PartyDetails } from './open-case';

@InputType({ description: 'The party investigated (当事人).' })
export class PartyInput {
  @Field(() => PartyKind)
  kind!: PartyKind;

  @Field({ description: 'The person’s or organisation’s name, 1 to 100 characters.' })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The resident’s id, when the party is a resident on record.' })
  residentId?: string;

  @Field(() => ID, { nullable: true, description: 'The organisation’s id, when the party is an organisation on record.' })
  organisationId?: string;
}

/** What was found, or why a referral needs enforcement: the first note of evidence, and every later one. */
export const caseNote = text(2000);

/** A party: a resident's id only for a RESIDENT party, an organisation's only for an ORGANISATION, each an id. */
export const partySchema = z
  .object({
    kind: z.enum(PartyKind),
    name: text(100),
    residentId: z.string().nullish(),
    organisationId: z.string().nullish(),
  })
  .superRefine((party, context) => {
    if (party.residentId != null && (party.kind !== PartyKind.RESIDENT || !ID_PATTERN.test(party.residentId))) {
      context.addIssue({ code: 'custom', path: ['residentId'], message: 'is for a RESIDENT party and must be an id' });
    }
    if (party.organisationId != null && (party.kind !== PartyKind.ORGANISATION || !ID_PATTERN.test(party.organisationId))) {
      context.addIssue({ code: 'custom', path: ['organisationId'], message: 'is for an ORGANISATION party and must be an id' });
    }
  })
  .transform((party): PartyDetails => ({
    kind: party.kind,
    name: party.name,
    residentId: party.residentId ?? null,
    organisationId: party.organisationId ?? null,
  }));

/** `registerCase`'s party (when given) and note, in that order. */
export const registerCaseSchema = z.object({ party: partySchema.nullish().transform((party) => party ?? null), note: caseNote });

/** `decideCase`'s texts. */
export const decisionSchema = z.object({ penalty: text(500), decision: text(5000), publicSummary: text(1000) });
