import { describe, expect, it } from '@jest/globals';
import { addDays, extensionRefusal, isOverdue, officeDueAt, reviewableUntil, type PetitionClockState } from '../src/clocks';
import { allows, PetitionStatus, TRANSITIONS } from '../src/lifecycle';

const RECEIVED_AT = new Date('2026-03-01T08:00:00Z');
const received: PetitionClockState = { status: 'RECEIVED', receivedAt: RECEIVED_AT, decidedAt: null, extensionDays: null, repliedAt: null };
const accepted: PetitionClockState = { ...received, status: 'HANDLING', decidedAt: addDays(RECEIVED_AT, 10) };

describe('statutory clocks', () => {
  it('gives the office 15 days from receipt to decide', () => {
    expect(officeDueAt(received)).toEqual(new Date('2026-03-16T08:00:00Z'));
    expect(isOverdue(received, new Date('2026-03-16T08:00:00Z'))).toBe(false);
    expect(isOverdue(received, new Date('2026-03-16T08:00:01Z'))).toBe(true);
  });

  it('gives 60 days from acceptance to reply, plus the one extension', () => {
    expect(officeDueAt(accepted)).toEqual(addDays(RECEIVED_AT, 70));
    expect(officeDueAt({ ...accepted, extensionDays: 30 })).toEqual(addDays(RECEIVED_AT, 100));
    expect(isOverdue({ ...accepted, extensionDays: 30 }, addDays(RECEIVED_AT, 99))).toBe(false);
  });

  it('stops the office clock once replied, refused or closed, and opens the 30-day review window on reply', () => {
    const replied = { ...accepted, status: 'REPLIED', repliedAt: addDays(RECEIVED_AT, 40) };
    for (const status of ['REPLIED', 'NOT_ACCEPTED', 'REVIEW_REQUESTED', 'CLOSED']) {
      expect(officeDueAt({ ...replied, status })).toBeNull();
      expect(isOverdue({ ...replied, status }, addDays(RECEIVED_AT, 400))).toBe(false);
    }
    expect(reviewableUntil(replied)).toEqual(addDays(RECEIVED_AT, 70));
    expect(reviewableUntil({ ...replied, status: 'CLOSED' })).toBeNull();
  });

  it('allows one extension, and none once the deadline has passed', () => {
    expect(extensionRefusal(accepted, addDays(RECEIVED_AT, 20))).toBeNull();
    expect(extensionRefusal({ ...accepted, extensionDays: 5 }, addDays(RECEIVED_AT, 20))).toMatch(/once/);
    expect(extensionRefusal(accepted, addDays(RECEIVED_AT, 71))).toMatch(/passed/);
  });
});

describe('the state machine', () => {
  it('follows RECEIVED → ACCEPTED | NOT_ACCEPTED → HANDLING → REPLIED → REVIEW_REQUESTED → CLOSED', () => {
    expect(TRANSITIONS.accept).toEqual({ from: [PetitionStatus.RECEIVED], to: PetitionStatus.ACCEPTED });
    expect(TRANSITIONS.refuse).toEqual({ from: [PetitionStatus.RECEIVED], to: PetitionStatus.NOT_ACCEPTED });
    expect(allows('startHandling', 'ACCEPTED')).toBe(true);
    expect(allows('reply', 'HANDLING')).toBe(true);
    expect(allows('requestReview', 'REPLIED')).toBe(true);
    expect(allows('close', 'REVIEW_REQUESTED')).toBe(true);
  });

  it('has no way out of NOT_ACCEPTED or CLOSED, and no skipping', () => {
    for (const action of Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[]) {
      expect(allows(action, 'NOT_ACCEPTED')).toBe(false);
      expect(allows(action, 'CLOSED')).toBe(false);
    }
    expect(allows('reply', 'RECEIVED')).toBe(false);
    expect(allows('reply', 'ACCEPTED')).toBe(false);
    expect(allows('extend', 'REPLIED')).toBe(false);
    expect(allows('close', 'HANDLING')).toBe(false);
  });
});
