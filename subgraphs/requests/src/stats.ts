// Statistics of requests, and the suppression of small cells for callers not cleared for the people in
// them. Pure: rows in, figures out.

/** Cells of fewer than this many requests are suppressed for callers without PERSONAL clearance. */
export const SMALL_CELL = 5;

export interface StatRow {
  readonly status: string;
  readonly category: string;
  readonly createdAt: Date;
  readonly acceptedAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly resolvedOnTime: boolean | null;
  readonly rating: number | null;
}

export interface Cell {
  readonly key: string;
  /** Null when suppressed. */
  readonly count: number | null;
  readonly suppressed: boolean;
}

export interface Figures {
  readonly total: number | null;
  readonly totalSuppressed: boolean;
  readonly byStatus: readonly Cell[];
  readonly byCategory: readonly Cell[];
  readonly medianHoursToResolve: number | null;
  readonly medianHoursToAccept: number | null;
  readonly onTimeRate: number | null;
  readonly averageRating: number | null;
  readonly ratedCount: number | null;
  /** True when any figure was withheld. */
  readonly suppressed: boolean;
}

const HOUR = 3_600_000;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const round = (value: number | null, places = 2) => (value === null ? null : Math.round(value * 10 ** places) / 10 ** places);

/**
 * Counts by status and category over `keys`, and the handling figures. For a caller who is not
 * `cleared`, a count from 1 to 4 is withheld, and so is the next smallest of its breakdown when it
 * would otherwise be the only one withheld (else the total gives it away); a median, rate or average
 * over fewer than {@link SMALL_CELL} requests is withheld too.
 */
export function computeFigures(rows: readonly StatRow[], keys: { statuses: readonly string[]; categories: readonly string[] }, cleared: boolean): Figures {
  const byStatus = breakdown(rows, keys.statuses, (row) => row.status, cleared);
  const byCategory = breakdown(rows, keys.categories, (row) => row.category, cleared);
  const resolved = rows.filter((row) => row.resolvedAt);
  const accepted = rows.filter((row) => row.acceptedAt);
  const rated = rows.filter((row) => row.rating !== null);
  const judged = rows.filter((row) => row.resolvedOnTime !== null);
  const enough = (n: number) => cleared || n >= SMALL_CELL;
  const total = rows.length;
  const totalShown = cleared || total === 0 || total >= SMALL_CELL;
  const figures = {
    total: totalShown ? total : null,
    totalSuppressed: !totalShown,
    byStatus: byStatus.cells,
    byCategory: byCategory.cells,
    medianHoursToResolve: enough(resolved.length) ? round(median(resolved.map((row) => (row.resolvedAt!.getTime() - row.createdAt.getTime()) / HOUR))) : null,
    medianHoursToAccept: enough(accepted.length) ? round(median(accepted.map((row) => (row.acceptedAt!.getTime() - row.createdAt.getTime()) / HOUR))) : null,
    onTimeRate: enough(judged.length) && judged.length ? round(judged.filter((row) => row.resolvedOnTime).length / judged.length, 4) : null,
    averageRating: enough(rated.length) && rated.length ? round(rated.reduce((sum, row) => sum + row.rating!, 0) / rated.length) : null,
    ratedCount: enough(rated.length) || rated.length === 0 ? rated.length : null,
  };
  const withheld =
    !totalShown ||
    byStatus.suppressed ||
    byCategory.suppressed ||
    (!enough(resolved.length) && resolved.length > 0) ||
    (!enough(accepted.length) && accepted.length > 0) ||
    (!enough(rated.length) && rated.length > 0) ||
    (!enough(judged.length) && judged.length > 0);
  return { ...figures, suppressed: withheld };
}

function breakdown(rows: readonly StatRow[], keys: readonly string[], keyOf: (row: StatRow) => string, cleared: boolean): { cells: Cell[]; suppressed: boolean } {
  const counts = new Map(keys.map((key) => [key, 0]));
  for (const row of rows) counts.set(keyOf(row), (counts.get(keyOf(row)) ?? 0) + 1);
  const small = (count: number) => !cleared && count > 0 && count < SMALL_CELL;
  const hidden = new Set(keys.filter((key) => small(counts.get(key)!)));
  if (hidden.size === 1) {
    // One withheld cell is the total minus the others: withhold the next smallest non-zero one as well.
    const next = keys.filter((key) => !hidden.has(key) && counts.get(key)! > 0).sort((a, b) => counts.get(a)! - counts.get(b)!)[0];
    if (next !== undefined) hidden.add(next);
  }
  const cells = keys.map((key) => (hidden.has(key) ? { key, count: null, suppressed: true } : { key, count: counts.get(key)!, suppressed: false }));
  return { cells, suppressed: hidden.size > 0 };
}
