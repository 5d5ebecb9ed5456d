// Statistics of requests, protected for callers not cleared for the people in them with the kit's one
// method (`protectCounts`), so that a request table cannot be combined with another department's to
// undo the protection of either. Pure: rows in, figures out.
import { median, protectCounts, roundTo, type ProtectedCount } from '@liangling/kit';

export interface StatRow {
  readonly status: string;
  readonly category: string;
  readonly createdAt: Date;
  readonly acceptedAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly resolvedOnTime: boolean | null;
  readonly rating: number | null;
}

/** The columns of a {@link StatRow}, as a Prisma `select`. */
export const STAT_COLUMNS = {
  status: true,
  category: true,
  createdAt: true,
  acceptedAt: true,
  resolvedAt: true,
  resolvedOnTime: true,
  rating: true,
} as const;

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

/** How figures are protected: exact for cleared callers, else `protectCounts` keyed by `key` with the database's `secret`. */
export interface FigureProtection {
  readonly exact: boolean;
  readonly secret: string;
  /** What the figures are of (`region|r-2101`): keys the noise with each cell's name. */
  readonly key: string;
}

const HOUR = 3_600_000;

/**
 * Upper edges (hours) of the histogram a protected median is read from: a median over exact times
 * would be one person's own time whenever the count is odd, so callers without exact access get the
 * median of protected bucket counts instead.
 */
export const HOUR_BUCKETS = [1, 2, 4, 8, 12, 24, 48, 72, 120, 168, 336, 720, Number.POSITIVE_INFINITY] as const;

/**
 * Counts by status and category over `keys`, and the handling figures. For a cleared caller every
 * figure is exact. For anyone else every count goes through `protectCounts` (1–4 withheld, the rest
 * round-to-5 of the count plus keyed noise), and every rate, average and median is worked out from
 * protected counts only: a rate from its protected numerator and base, a median from the protected
 * counts of an hour histogram; each is null when its base count is withheld.
 */
export function computeFigures(
  rows: readonly StatRow[],
  keys: { statuses: readonly string[]; categories: readonly string[] },
  protection: FigureProtection,
): Figures {
  const resolveHours = rows.flatMap((row) => (row.resolvedAt ? [(row.resolvedAt.getTime() - row.createdAt.getTime()) / HOUR] : []));
  const acceptHours = rows.flatMap((row) => (row.acceptedAt ? [(row.acceptedAt.getTime() - row.createdAt.getTime()) / HOUR] : []));
  const judged = rows.filter((row) => row.resolvedOnTime !== null);
  const rated = rows.filter((row) => row.rating !== null);
  const counts: Record<string, number> = {
    total: rows.length,
    resolved: resolveHours.length,
    accepted: acceptHours.length,
    judged: judged.length,
    onTime: judged.filter((row) => row.resolvedOnTime).length,
    rated: rated.length,
    // A sum, protected like a count: the average is then the ratio of two protected figures.
    ratingSum: rated.reduce((sum, row) => sum + row.rating!, 0),
    ...Object.fromEntries(keys.statuses.map((status) => [`status:${status}`, rows.filter((row) => row.status === status).length])),
    ...Object.fromEntries(
      keys.categories.map((category) => [`category:${category}`, rows.filter((row) => row.category === category).length]),
    ),
  };
  if (!protection.exact) {
    for (const [name, hours] of [
      ['resolveHours', resolveHours],
      ['acceptHours', acceptHours],
    ] as const) {
      HOUR_BUCKETS.forEach(
        (edge, index) =>
          (counts[`${name}<${edge}`] = hours.filter((value) => value < edge && value >= (HOUR_BUCKETS[index - 1] ?? 0)).length),
      );
    }
  }
  const cells = protectCounts(counts, protection);
  const cell = (name: string): ProtectedCount => cells[name]!;
  const breakdown = (prefix: string, names: readonly string[]): Cell[] =>
    names.map((key) => ({ key, count: cell(`${prefix}:${key}`).value, suppressed: cell(`${prefix}:${key}`).suppressed }));
  const medianOf = (hours: readonly number[], name: string, base: ProtectedCount) =>
    protection.exact
      ? roundTo(median(hours), 2)
      : base.value === null
        ? null
        : histogramMedian(HOUR_BUCKETS.map((edge) => cell(`${name}<${edge}`)));
  const shown = [cell('total'), cell('resolved'), cell('accepted'), cell('judged'), cell('onTime'), cell('rated'), cell('ratingSum')];
  const byStatus = breakdown('status', keys.statuses);
  const byCategory = breakdown('category', keys.categories);
  return {
    total: cell('total').value,
    totalSuppressed: cell('total').suppressed,
    byStatus,
    byCategory,
    medianHoursToResolve: medianOf(resolveHours, 'resolveHours', cell('resolved')),
    medianHoursToAccept: medianOf(acceptHours, 'acceptHours', cell('accepted')),
    onTimeRate: rateOf(cell('onTime'), cell('judged'), 0, 1, 4),
    averageRating: rateOf(cell('ratingSum'), cell('rated'), 1, 5, 2),
    ratedCount: cell('rated').value,
    suppressed: [...shown, ...byStatus, ...byCategory].some((figure) => figure.suppressed),
  };
}

/** A ratio of two protected figures, within [min, max]; null when either is withheld or the base is 0. */
export function rateOf(numerator: ProtectedCount, base: ProtectedCount, min: number, max: number, places: number): number | null {
  if (numerator.value === null || base.value === null || base.value === 0) return null;
  return roundTo(Math.min(max, Math.max(min, numerator.value / base.value)), places);
}

/**
 * The median of a histogram of protected counts over {@link HOUR_BUCKETS}, interpolated within its
 * bucket; a withheld bucket (1–4) counts as empty. The open last bucket gives its lower edge. Null
 * when every bucket shows 0.
 */
export function histogramMedian(buckets: readonly ProtectedCount[]): number | null {
  const counts = buckets.map((bucket) => bucket.value ?? 0);
  const half = counts.reduce((sum, count) => sum + count, 0) / 2;
  if (half === 0) return null;
  let below = 0;
  for (const [index, count] of counts.entries()) {
    const low = HOUR_BUCKETS[index - 1] ?? 0;
    const high = HOUR_BUCKETS[index]!;
    if (count > 0 && below + count >= half) return roundTo(Number.isFinite(high) ? low + ((half - below) / count) * (high - low) : low, 1);
    below += count;
  }
  return null;
}
