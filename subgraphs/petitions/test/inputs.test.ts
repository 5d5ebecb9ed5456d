// The input schemas of petitions and opinions, through the kit's validate(): the cleaned value, or
// BAD_USER_INPUT naming the field the stack tests read (`extensions.field`).
import { describe, expect, it } from '@jest/globals';
import { validate, type z } from '@liangling/kit';
import { GraphQLError } from 'graphql';
import { PetitionChannel } from '../src/enums';
import { opinionReplySchema, postOpinionSchema } from '../src/opinion.inputs';
import {
  decisionSchema,
  extensionSchema,
  petitionerIdSchema,
  ratingSchema,
  recordPetitionSchema,
  reviewConclusionSchema,
  submitPetitionSchema,
} from '../src/petition.inputs';

/** The field and message of the refusal of `value`; fails when the value passes. */
function refused<Schema extends z.ZodType>(schema: Schema, value: z.input<Schema>, at?: string): { field: unknown; message: string } {
  try {
    validate(schema, value, at);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions['code'] === 'BAD_USER_INPUT')
      return { field: error.extensions['field'], message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

const petition = { subject: ' 路灯不亮 ', content: ' 楼前路灯已坏两个月。 ', targetDepartment: 'CITY_MANAGEMENT', clientKey: 'k-1' };

describe('a new petition', () => {
  it('is trimmed, and online only when a resident files it', () => {
    expect(validate(submitPetitionSchema, { ...petition, channel: PetitionChannel.ONLINE })).toEqual({
      ...petition,
      subject: '路灯不亮',
      content: '楼前路灯已坏两个月。',
      channel: 'ONLINE',
    });
    expect(refused(submitPetitionSchema, { ...petition, channel: PetitionChannel.LETTER })).toEqual({
      field: 'channel',
      message: 'channel must be ONLINE: visits, letters and 12345 calls are recorded by the petitions office.',
    });
  });

  it('names the first wrong field', () => {
    const online = { ...petition, channel: PetitionChannel.ONLINE };
    expect(refused(submitPetitionSchema, { ...online, subject: '   ' }).field).toBe('subject');
    expect(refused(submitPetitionSchema, { ...online, content: 'x'.repeat(5001) }).field).toBe('content');
    expect(refused(submitPetitionSchema, { ...online, targetDepartment: 'city' }).field).toBe('targetDepartment');
    expect(refused(submitPetitionSchema, { ...online, clientKey: 'a b' }).field).toBe('clientKey');
  });

  it('recorded by the office comes by visit, letter or 12345, its home region read as a path', () => {
    const recorded = validate(recordPetitionSchema, { ...petition, channel: PetitionChannel.VISIT, homeRegionId: 'r-210103-1' });
    expect(recorded.homeRegionId).toBe('/r-2101/r-210103/r-210103-1/');
    expect(refused(recordPetitionSchema, { ...petition, channel: PetitionChannel.VISIT, homeRegionId: 'r-21' }).field).toBe('homeRegionId');
    expect(refused(recordPetitionSchema, { ...petition, channel: PetitionChannel.ONLINE, homeRegionId: 'r-210103-1' }).field).toBe(
      'channel',
    );
    expect(refused(petitionerIdSchema, 'resident-1', 'petitionerId')).toEqual({
      field: 'petitionerId',
      message: 'petitionerId must be a resident id such as p-0000001.',
    });
  });
});

describe('the office’s decisions', () => {
  it('need a reason to refuse, not to accept', () => {
    expect(validate(decisionSchema, { accept: true, reason: '  ' })).toEqual({ accept: true, reason: undefined });
    expect(refused(decisionSchema, { accept: false, reason: null })).toEqual({
      field: 'reason',
      message: 'reason is required when a petition is not accepted.',
    });
    expect(refused(decisionSchema, { accept: true, reason: 'x'.repeat(1001) }).field).toBe('reason');
  });

  it('extend by 1 to 30 whole days, with a reason', () => {
    expect(validate(extensionSchema, { days: 30, reason: ' 需要现场核查 ' })).toEqual({ days: 30, reason: '需要现场核查' });
    for (const days of [0, 31, 1.5])
      expect(refused(extensionSchema, { days, reason: '核查' })).toEqual({ field: 'days', message: 'days must be 1 to 30.' });
    expect(refused(extensionSchema, { days: 10, reason: '  ' }).field).toBe('reason');
  });

  it('give a new reply when a review does not uphold the first', () => {
    expect(validate(reviewConclusionSchema, { upheld: true, note: null }).note).toBeUndefined();
    expect(refused(reviewConclusionSchema, { upheld: false, note: ' ' }).field).toBe('note');
  });

  it('take ratings of 1 to 5', () => {
    expect(validate(ratingSchema, { satisfaction: 5 })).toEqual({ satisfaction: 5 });
    expect(refused(ratingSchema, { satisfaction: 6 })).toEqual({ field: 'satisfaction', message: 'satisfaction must be 1 to 5.' });
  });
});

describe('opinions', () => {
  it('are trimmed texts of bounded length', () => {
    expect(validate(postOpinionSchema, { topic: ' 充电桩 ', content: ' 建议增设。 ', regionId: 'r-210103-1' })).toEqual({
      topic: '充电桩',
      content: '建议增设。',
      regionId: 'r-210103-1',
    });
    expect(refused(postOpinionSchema, { topic: 'x'.repeat(51), content: '建议', regionId: 'r-210103-1' }).field).toBe('topic');
    expect(refused(opinionReplySchema, { reply: '' }).field).toBe('reply');
  });
});
