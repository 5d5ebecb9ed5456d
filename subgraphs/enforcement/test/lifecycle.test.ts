import { describe, expect, it } from '@jest/globals';
import { caseYear, formatCaseNumber } from '../src/case-number';
import { CaseStatus, CaseType } from '../src/enums';
import { enforcementStats } from '../src/enforcement-stats';
import { caseLifecycle, type CaseAction } from '../src/lifecycle';

const { REGISTERED, INVESTIGATING, DECIDED, EXECUTED, CLOSED } = CaseStatus;
const { transitions: TRANSITIONS, allows, next } = caseLifecycle;

describe('the case state machine', () => {
  // Every action against every status: the status it leads to, or null when refused.
  const table: Record<CaseAction, Record<CaseStatus, CaseStatus | null>> = {
    startInvestigation: { REGISTERED: INVESTIGATING, INVESTIGATING: null, DECIDED: null, EXECUTED: null, CLOSED: null },
    addEvidence: { REGISTERED: null, INVESTIGATING: INVESTIGATING, DECIDED: null, EXECUTED: null, CLOSED: null },
    decide: { REGISTERED: null, INVESTIGATING: DECIDED, DECIDED: null, EXECUTED: null, CLOSED: null },
    execute: { REGISTERED: null, INVESTIGATING: null, DECIDED: EXECUTED, EXECUTED: null, CLOSED: null },
    close: { REGISTERED: null, INVESTIGATING: null, DECIDED: null, EXECUTED: CLOSED, CLOSED: null },
  };
  const cases = Object.entries(table).flatMap(([action, row]) =>
    Object.entries(row).map(([status, to]) => [action as CaseAction, status, to] as const),
  );

  it.each(cases)('%s from %s → %s', (action, status, to) => {
    expect(next(action, status)).toBe(to);
    expect(allows(action, status)).toBe(to !== null);
  });

  it('covers every action of the table', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual(Object.keys(table).sort());
  });

  it('walks REGISTERED → INVESTIGATING → DECIDED → EXECUTED → CLOSED, and nothing leaves CLOSED', () => {
    let status: string = REGISTERED;
    for (const action of ['startInvestigation', 'addEvidence', 'decide', 'execute', 'close'] as const)
      status = next(action, status) ?? 'refused';
    expect(status).toBe(CLOSED);
    expect((Object.keys(TRANSITIONS) as CaseAction[]).filter((action) => allows(action, CLOSED))).toEqual([]);
  });

  it('refuses unknown statuses', () => {
    expect(allows('close', 'ESCALATED')).toBe(false);
  });
});

describe('case numbers', () => {
  it('name the district, the year and a four-digit sequence', () => {
    expect(formatCaseNumber('沈河区', 2026, 1)).toBe('沈河执〔2026〕0001号');
    expect(formatCaseNumber('和平区', 2025, 123)).toBe('和平执〔2025〕0123号');
    expect(formatCaseNumber('浑南区', 2026, 12345)).toBe('浑南执〔2026〕12345号');
  });

  it('count years in China Standard Time', () => {
    expect(caseYear(new Date('2025-12-31T15:59:59Z'))).toBe(2025);
    expect(caseYear(new Date('2025-12-31T16:00:00Z'))).toBe(2026);
  });
});

describe('region statistics', () => {
  const cells = [
    { regionId: 'r', type: CaseType.NOISE, status: CLOSED, count: 7 },
    { regionId: 'r', type: CaseType.NOISE, status: REGISTERED, count: 1 },
    { regionId: 'r', type: CaseType.FIRE_SAFETY, status: REGISTERED, count: 2 },
    { regionId: 'r', type: CaseType.WASTE_DUMPING, status: DECIDED, count: 6 },
  ];
  const count = (stats: ReturnType<typeof enforcementStats>, key: string) =>
    [
      ...stats.byType.map((cell) => [cell.type, cell.count] as const),
      ...stats.byStatus.map((cell) => [cell.status, cell.count] as const),
    ].find(([name]) => name === key)?.[1];

  const exact = { exact: true, secret: '', key: 'region|r' };
  const open = { exact: false, secret: 'a-test-secret', key: 'region|r' };

  it('are exact for cleared callers', () => {
    const stats = enforcementStats(cells, exact);
    expect(stats).toMatchObject({ total: 16, totalSuppressed: false, suppressed: false });
    expect([
      count(stats, 'NOISE'),
      count(stats, 'FIRE_SAFETY'),
      count(stats, 'WASTE_DUMPING'),
      count(stats, 'REGISTERED'),
      count(stats, 'CLOSED'),
    ]).toEqual([8, 2, 6, 3, 7]);
  });

  it('withhold small cells (decided on the noisy value) from others, show the rest as multiples of 5 and zeros as 0', () => {
    const stats = enforcementStats(cells, open);
    expect([count(stats, 'OTHER'), count(stats, 'EXECUTED')]).toEqual([0, 0]);
    for (const cell of [...stats.byType, ...stats.byStatus]) {
      expect(cell.suppressed).toBe(cell.count === null);
      if (cell.count !== null) expect(cell.count % 5).toBe(0);
    }
    expect(stats.byType).toHaveLength(Object.keys(CaseType).length);
    // Over many databases' secrets, FIRE_SAFETY's 2 is mostly withheld and NOISE's 8 mostly shown.
    const trials = Array.from({ length: 200 }, (_, i) => enforcementStats(cells, { ...open, secret: `s${i}` }));
    expect(trials.filter((trial) => count(trial, 'FIRE_SAFETY') === null).length).toBeGreaterThan(160);
    expect(trials.filter((trial) => count(trial, 'NOISE') !== null).length).toBeGreaterThan(140);
    // The total minus the other types does not give FIRE_SAFETY's 2 back: every shown count is a multiple of 5.
    if (stats.total !== null) expect(stats.total - stats.byType.reduce((sum, cell) => sum + (cell.count ?? 0), 0)).not.toBe(2);
    // The same question, the same answer.
    expect(enforcementStats(cells, open)).toEqual(stats);
  });

  it('withhold a small total', () => {
    const small = Array.from({ length: 200 }, (_, i) =>
      enforcementStats([{ regionId: 'r', type: CaseType.NOISE, status: CLOSED, count: 3 }], { ...open, secret: `s${i}` }),
    );
    for (const stats of small) if (stats.totalSuppressed) expect(stats).toMatchObject({ total: null, suppressed: true });
    expect(small.filter((stats) => stats.totalSuppressed).length).toBeGreaterThan(140);
    expect(enforcementStats([], open)).toMatchObject({ total: 0, totalSuppressed: false, suppressed: false });
  });
});
