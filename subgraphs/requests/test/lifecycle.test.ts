import { describe, expect, it } from '@jest/globals';
import type { Caller } from '@liangling/schema';
import { defaultAssignee } from '../src/dispatch';
import {
  ACTIONS,
  STATUSES,
  TIERS,
  actorsOf,
  decideTransition,
  jointResolution,
  jointTaskLifecycle,
  requestLifecycle,
  type Action,
  type RequestFacts,
  type Status,
} from '../src/lifecycle';
import { HEATING_SEASON_HOURS, SLA_HOURS, inHeatingSeason, slaDueAt, slaHours } from '../src/sla';
import { computeFigures, type StatRow } from '../src/stats';

const PATH = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', 'r-210103-1-1-1'];
const request = (status: Status, more: Partial<RequestFacts> = {}): RequestFacts => ({
  status,
  tier: 'COMMUNITY',
  submittedById: 'p-0000001',
  regionPath: PATH,
  assigneeId: 'org-water',
  ...more,
});

const callers: Record<string, Caller> = {
  submitter: { role: 'resident', sub: 'p-0000001', regions: [] },
  neighbour: { role: 'resident', sub: 'p-0000002', regions: [] },
  gridWorker: { role: 'grid_worker', sub: 'gw-1', regions: ['r-210103-1-1-1'] },
  communityStaff: { role: 'community_staff', sub: 'cs-1', regions: ['r-210103-1-1'] },
  otherGrid: { role: 'grid_worker', sub: 'gw-9', regions: ['r-210102-1-1-1'] },
  cityOfficer: { role: 'department_officer', sub: 'o-1', department: 'CITY_MANAGEMENT', regions: [] },
  enforcement: { role: 'department_officer', sub: 'o-2', department: 'ENFORCEMENT', regions: [] },
  assignee: { role: 'partner', sub: 'k-1', organisation: 'org-water', regions: [] },
  otherPartner: { role: 'partner', sub: 'k-2', organisation: 'org-gas', regions: [] },
  auditor: { role: 'auditor', sub: 'a-1', regions: [] },
  anonymous: { role: 'anonymous', regions: [] },
  service: { role: 'service', sub: 'job', regions: [] },
};

describe('the lifecycle table', () => {
  it('allows exactly the listed moves: every action × status × caller', () => {
    for (const action of ACTIONS) {
      for (const status of STATUSES) {
        for (const tier of TIERS) {
          for (const [name, caller] of Object.entries(callers)) {
            const facts = request(status, { tier });
            const verdict = decideTransition(action, caller, facts);
            const mine = actorsOf(caller, facts);
            const may = (requestLifecycle.transitions[action].parts ?? []).some((actor) => mine.has(actor));
            const from = requestLifecycle.transitions[action].from.includes(status) && !(action === 'ESCALATE' && tier === 'CITY');
            const expected = !may ? 'FORBIDDEN' : !from ? 'CONFLICT' : 'OK';
            expect({ action, status, tier, name, got: verdict.ok ? 'OK' : verdict.code }).toEqual({
              action,
              status,
              tier,
              name,
              got: expected,
            });
          }
        }
      }
    }
  });

  it('walks the happy path with the right roles', () => {
    const steps: [Action, keyof typeof callers, Status][] = [
      ['ACCEPT', 'gridWorker', 'ACCEPTED'],
      ['DISPATCH', 'communityStaff', 'DISPATCHED'],
      ['PROGRESS', 'assignee', 'IN_PROGRESS'],
      ['RESOLVE', 'assignee', 'RESOLVED'],
      ['CLOSE', 'submitter', 'CLOSED'],
    ];
    let status: Status = 'SUBMITTED';
    for (const [action, who, to] of steps) {
      const verdict = decideTransition(action, callers[who]!, request(status));
      expect(verdict).toMatchObject({ ok: true, to });
      status = to;
    }
    expect(decideTransition('RATE', callers['submitter']!, request('CLOSED'))).toMatchObject({ ok: true, to: 'CLOSED' });
  });

  it('refuses the illegal: resolving what was never dispatched, rating someone else’s request, acting outside one’s area or tier', () => {
    expect(decideTransition('RESOLVE', callers['assignee']!, request('ACCEPTED'))).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(decideTransition('RATE', callers['neighbour']!, request('CLOSED'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(decideTransition('ACCEPT', callers['otherGrid']!, request('SUBMITTED'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(decideTransition('PROGRESS', callers['otherPartner']!, request('DISPATCHED'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // Officers act from the street tier up; the community's staff only at the community tier.
    expect(decideTransition('ACCEPT', callers['cityOfficer']!, request('SUBMITTED'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(decideTransition('ACCEPT', callers['cityOfficer']!, request('ESCALATED', { tier: 'STREET' }))).toMatchObject({ ok: true });
    expect(decideTransition('ACCEPT', callers['gridWorker']!, request('ESCALATED', { tier: 'STREET' }))).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(decideTransition('ESCALATE', callers['cityOfficer']!, request('DISPATCHED', { tier: 'CITY' }))).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    expect(decideTransition('ESCALATE', callers['enforcement']!, request('DISPATCHED', { tier: 'STREET' }))).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });
});

describe('joint resolution', () => {
  it('resolves the request from where a joint resolution can be open, and each task once', () => {
    expect(STATUSES.filter((status) => jointResolution.allows('RESOLVE', status))).toEqual(requestLifecycle.transitions.OPEN_JOINT.from);
    expect(jointResolution.next('RESOLVE', 'ESCALATED')).toBe('RESOLVED');
    expect(jointTaskLifecycle.decide('COMPLETE', 'OPEN')).toMatchObject({ ok: true, to: 'DONE' });
    expect(jointTaskLifecycle.decide('COMPLETE', 'DONE')).toMatchObject({ ok: false, code: 'CONFLICT' });
  });
});

describe('SLAs', () => {
  it('makes heating urgent in Shenyang’s heating season (1 Nov – 31 Mar, local time) and not outside it', () => {
    expect(inHeatingSeason(new Date('2026-10-31T15:59:00Z'))).toBe(false); // 23:59 on 31 Oct in Shenyang
    expect(inHeatingSeason(new Date('2026-10-31T16:00:00Z'))).toBe(true); // 00:00 on 1 Nov
    expect(inHeatingSeason(new Date('2027-03-31T15:59:00Z'))).toBe(true);
    expect(inHeatingSeason(new Date('2027-03-31T16:00:00Z'))).toBe(false);
    expect(slaHours('HEATING', 'COMMUNITY', new Date('2027-01-15T00:00:00Z'))).toBe(HEATING_SEASON_HOURS);
    expect(slaHours('HEATING', 'COMMUNITY', new Date('2027-07-15T00:00:00Z'))).toBe(SLA_HOURS.HEATING);
    expect(HEATING_SEASON_HOURS).toBeLessThan(24);
  });

  it('gives each tier its time from when the request reached it', () => {
    const at = new Date('2027-07-01T00:00:00Z');
    expect(slaDueAt('WATER', 'COMMUNITY', at).toISOString()).toBe('2027-07-02T00:00:00.000Z');
    expect(slaDueAt('GAS', 'COMMUNITY', at).getTime() - at.getTime()).toBe(4 * 3_600_000);
    expect(slaHours('WATER', 'CITY', at)).toBeLessThan(slaHours('WATER', 'COMMUNITY', at));
  });

  it('sends each utility category to its company and property faults to the street’s property company', () => {
    const path = `/${PATH.join('/')}/`;
    expect(defaultAssignee('WATER', path)).toBe('org-water');
    expect(defaultAssignee('HEATING', path)).toBe('org-heating');
    expect(defaultAssignee('PROPERTY', path)).toBe('org-property-r-210103-1');
    expect(defaultAssignee('ROAD', path)).toBeUndefined();
  });
});

describe('statistics', () => {
  const row = (status: string, category: string): StatRow => ({
    status,
    category,
    createdAt: new Date(0),
    acceptedAt: null,
    resolvedAt: null,
    resolvedOnTime: null,
    rating: null,
  });
  const keys = { statuses: ['SUBMITTED', 'CLOSED', 'RESOLVED'], categories: ['WATER', 'GAS'] };

  const exact = { exact: true, secret: '', key: 'region|r' };
  const open = { exact: false, secret: 'a-test-secret', key: 'region|r' };
  const rows = [
    ...Array.from({ length: 8 }, () => row('CLOSED', 'WATER')),
    ...Array.from({ length: 2 }, () => row('SUBMITTED', 'WATER')),
    ...Array.from({ length: 6 }, () => row('RESOLVED', 'GAS')),
  ];

  it('withholds small counts (decided on the noisy value) and shows every other as a multiple of 5, for callers not cleared', () => {
    const shown = computeFigures(rows, keys, open);
    const status = Object.fromEntries(shown.byStatus.map((cell) => [cell.key, cell]));
    for (const cell of [...shown.byStatus, ...shown.byCategory]) {
      expect(cell.suppressed).toBe(cell.count === null);
      if (cell.count !== null) expect(cell.count % 5 === 0 && cell.count >= 5).toBe(true);
    }
    // Over many databases' secrets, SUBMITTED's 2 is withheld unless its draw is 3 or more (P = e^-1.5 / 2 ≈ 0.11).
    const withheld = Array.from(
      { length: 200 },
      (_, i) => computeFigures(rows, keys, { ...open, secret: `s${i}` }).byStatus.find((cell) => cell.key === 'SUBMITTED')!.suppressed,
    ).filter(Boolean).length;
    expect(withheld).toBeGreaterThan(160);
    // The total minus the other statuses does not give SUBMITTED's 2 back: every shown count is a multiple of 5.
    if (shown.total !== null && status['CLOSED']!.count !== null && status['RESOLVED']!.count !== null) {
      expect(shown.total - status['CLOSED']!.count - status['RESOLVED']!.count).not.toBe(2);
    }
    // The same question, the same answer: nothing to average away.
    expect(computeFigures(rows, keys, open)).toEqual(shown);
    const full = computeFigures(rows, keys, exact);
    expect(Object.fromEntries(full.byStatus.map((cell) => [cell.key, cell.count]))).toEqual({ SUBMITTED: 2, RESOLVED: 6, CLOSED: 8 });
    expect(full).toMatchObject({ total: 16, suppressed: false });
  });

  it('withholds a small total, and shows zero', () => {
    expect(computeFigures([row('CLOSED', 'GAS')], keys, open)).toMatchObject({ total: null, totalSuppressed: true });
    expect(computeFigures([], keys, open)).toMatchObject({ total: 0, totalSuppressed: false, suppressed: false });
  });

  it('works rates, averages and medians out of protected counts, and withholds them when their base is withheld', () => {
    const hour = 3_600_000;
    const handled = (hours: number, rating: number | null): StatRow => ({
      status: 'CLOSED',
      category: 'WATER',
      createdAt: new Date(0),
      acceptedAt: new Date(hour / 2),
      resolvedAt: new Date(hours * hour),
      resolvedOnTime: hours < 24,
      rating,
    });
    // Three ratings: a mean of three would let two raters work out the third's.
    const few = [handled(3, 5), handled(5, 1), handled(30, 4), ...Array.from({ length: 12 }, (_, n) => handled(6 + n, null))];
    const exactFigures = computeFigures(few, keys, exact);
    expect(exactFigures).toMatchObject({ averageRating: 3.33, ratedCount: 3, medianHoursToResolve: 11 });
    const shown = computeFigures(few, keys, open);
    // Three ratings are mostly withheld, and with them the average; whenever the count shows, it is at least 5.
    const trials = Array.from({ length: 200 }, (_, i) => computeFigures(few, keys, { ...open, secret: `s${i}` }));
    for (const trial of trials) {
      if (trial.ratedCount === null) expect(trial.averageRating).toBeNull();
      else expect(trial.ratedCount).toBeGreaterThanOrEqual(5);
    }
    expect(trials.filter((trial) => trial.ratedCount === null).length).toBeGreaterThan(150);
    // The median of protected hour buckets, in the bucket of the true one (8 to 12 hours).
    expect(shown.medianHoursToResolve).toBeGreaterThanOrEqual(4);
    expect(shown.medianHoursToResolve).toBeLessThanOrEqual(24);
    expect(shown.onTimeRate).toBeGreaterThanOrEqual(0);
    expect(shown.onTimeRate).toBeLessThanOrEqual(1);
    // Four requests resolved: no median, no rate over them, unless the noisy base shows (then from protected counts only).
    const fours = Array.from({ length: 200 }, (_, i) => computeFigures(few.slice(0, 4), keys, { ...open, secret: `s${i}` }));
    expect(fours.filter((four) => four.medianHoursToResolve === null && four.onTimeRate === null).length).toBeGreaterThan(100);
  });
});
