import { describe, expect, it } from '@jest/globals';
import { validate } from '@liangling/kit';
import { GraphQLError } from 'graphql';
import { caseNote, decisionSchema, partySchema, registerCaseSchema } from '../src/enforcement-case.inputs';
import { PartyKind } from '../src/enums';

/** The field a refused input names, and the message; fails the test when the input passes. */
function refusal(run: () => unknown): { code: unknown; field: unknown; argument: unknown; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof GraphQLError)
      return {
        code: error.extensions['code'],
        field: error.extensions['field'],
        argument: error.extensions['argument'],
        message: error.message,
      };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the party of a case', () => {
  it('is trimmed, its absent ids null', () => {
    expect(validate(partySchema, { kind: PartyKind.RESIDENT, name: '  张三丰 ', residentId: 'p-0000001' }, 'party')).toEqual({
      kind: 'RESIDENT',
      name: '张三丰',
      residentId: 'p-0000001',
      organisationId: null,
    });
  });

  it('names the field under the argument: party.name, party.residentId, party.organisationId', () => {
    expect(refusal(() => validate(partySchema, { kind: PartyKind.RESIDENT, name: '  ' }, 'party'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'party.name',
      argument: 'party.name',
    });
    expect(refusal(() => validate(partySchema, { kind: PartyKind.RESIDENT, name: 'x'.repeat(101) }, 'party')).field).toBe('party.name');
    expect(
      refusal(() => validate(partySchema, { kind: PartyKind.ORGANISATION, name: '多福长者食堂', residentId: 'p-0000001' }, 'party')),
    ).toMatchObject({
      field: 'party.residentId',
      message: 'party.residentId is for a RESIDENT party and must be an id.',
    });
    expect(refusal(() => validate(partySchema, { kind: PartyKind.RESIDENT, name: '张三丰', residentId: 'not an id' }, 'party')).field).toBe(
      'party.residentId',
    );
    expect(refusal(() => validate(partySchema, { kind: PartyKind.RESIDENT, name: '张三丰', organisationId: 'org-1' }, 'party')).field).toBe(
      'party.organisationId',
    );
  });
});

describe('registering and deciding', () => {
  it('checks the party before the note, and takes no party as null', () => {
    expect(refusal(() => validate(registerCaseSchema, { party: { kind: PartyKind.RESIDENT, name: '' }, note: '' })).field).toBe(
      'party.name',
    );
    expect(refusal(() => validate(registerCaseSchema, { note: ' ' })).field).toBe('note');
    expect(validate(registerCaseSchema, { note: ' 楼顶私搭彩钢房 ' })).toEqual({ party: null, note: '楼顶私搭彩钢房' });
  });

  it('keeps notes to 2000 characters', () => {
    expect(validate(caseNote, 'x'.repeat(2000), 'note')).toHaveLength(2000);
    expect(refusal(() => validate(caseNote, 'x'.repeat(2001), 'note'))).toMatchObject({
      field: 'note',
      message: 'note must be 1 to 2000 characters.',
    });
  });

  it('names the text of a decision that is missing or too long', () => {
    const decision = { penalty: '罚款500元', decision: '依法作出罚款500元的决定', publicSummary: '罚款500元' };
    expect(validate(decisionSchema, decision)).toEqual(decision);
    expect(refusal(() => validate(decisionSchema, { ...decision, penalty: 'x'.repeat(501) })).field).toBe('penalty');
    expect(refusal(() => validate(decisionSchema, { ...decision, decision: ' ' })).field).toBe('decision');
    expect(refusal(() => validate(decisionSchema, { ...decision, publicSummary: 'x'.repeat(1001) })).field).toBe('publicSummary');
  });
});
