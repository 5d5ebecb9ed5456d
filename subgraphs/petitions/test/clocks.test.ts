import { describe, expect, it } from '@jest/globals';
import { addDays, deadlinesAt, extensionRefusal, isOverdue, officeDueAt, reviewableUntil, type PetitionClockState } from '../src/clocks';
import { PetitionStatus } from '../src/enums';
import { petitionLifecycle } from '../src/lifecycle';

const { allows, transitions: TRANSITIONS } = petitionLifecycle;

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
    expect(TRANSITIONS.accept).toEqual({ from: [PetitionStatus.RECEIVED], to: PetitionStatus.ACCEPTED, past: 'accepted' });
    expect(TRANSITIONS.refuse).toEqual({ from: [PetitionStatus.RECEIVED], to: PetitionStatus.NOT_ACCEPTED, past: 'refused' });
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

describe('statistics periods', () => {
  it('cut a period into whole years, quarters and months, the same way every time', async () => {
    const { blocksOf, countedPeriod } = await import('../src/stats');
    const names = (from: string, to: string) => blocksOf(new Date(from), new Date(to)).map((block) => block.name);
    expect(names('2025-11-01T00:00:00Z', '2027-05-01T00:00:00Z')).toEqual(['2025-11', '2025-12', '2026', '2027-Q1', '2027-04']);
    expect(names('2026-02-01T00:00:00Z', '2026-04-01T00:00:00Z')).toEqual(['2026-02', '2026-03']);
    const now = new Date('2026-03-15T08:00:00Z');
    const first = new Date('2025-09-03T00:00:00Z');
    const widened = countedPeriod({ from: new Date('2026-01-05T07:00:00Z'), to: new Date('2026-01-05T09:00:00Z') }, now, false, first);
    expect([widened.from, widened.to]).toEqual([new Date('2026-01-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z')]);
    const allTime = countedPeriod(null, now, false, first);
    expect([allTime.from, allTime.to, allTime.asOf]).toEqual([
      new Date('2025-09-01T00:00:00Z'),
      new Date('2026-03-01T00:00:00Z'),
      new Date('2026-03-01T00:00:00Z'),
    ]);
    expect(countedPeriod(null, now, true, null)).toMatchObject({ from: null, to: now, asOf: now, blocks: [] });
  });

  it('judge deadlines as they stood at a moment', () => {
    const record = deadlinesAt({ ...accepted, repliedAt: addDays(RECEIVED_AT, 50) }, addDays(RECEIVED_AT, 60));
    expect(record).toEqual({ judged: 2, met: 2, missed: false });
    expect(deadlinesAt(received, addDays(RECEIVED_AT, 10))).toEqual({ judged: 0, met: 0, missed: false });
    expect(deadlinesAt(received, addDays(RECEIVED_AT, 16))).toEqual({ judged: 1, met: 0, missed: true });
    expect(deadlinesAt({ ...accepted, decidedAt: addDays(RECEIVED_AT, 20) }, addDays(RECEIVED_AT, 30))).toEqual({
      judged: 1,
      met: 0,
      missed: true,
    });
  });
});
