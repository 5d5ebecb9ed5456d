import { createHmac, randomBytes } from 'node:crypto';

/**
 * Statistical disclosure control for counts of people shown to callers who may not see the people:
 * the one method every department uses, so that a table from one department cannot be combined
 * with a table from another to undo the protection of either.
 *
 * Suppressing small cells alone is not enough: a parent's total minus its children's totals (or a
 * total minus its other cells) gives a suppressed cell back. Rounding alone is not enough either:
 * its error is bounded (±2), so at the edges the bounds of a sum can pin a suppressed cell exactly (a
 * parent of 18 shown as 20, two children of 7 shown as 5: the third child must be 4). And against a
 * caller who can add records to a cell (a resident filing requests in their own grid), neither a
 * threshold on the true count (the cell first shows when they have added exactly 5 − count) nor
 * noise drawn afresh for each count (averaged over many additions) holds. So every count is shown as
 * noisy = count + N, withheld (`value: null, suppressed: true`) when noisy < 5 and otherwise
 * round5(noisy), where N is Laplace-distributed (unbounded) and drawn deterministically from a secret
 * of the database and the cell's key alone — not from the count: asking again, or after adding k
 * records, shows a function of count + k + N with the same N, so everything a caller can learn of
 * the cell is one Laplace-noised observation of its count (ε = 1/NOISE_SCALE per person counted in
 * it; docs/statistics.md states and tests the bound). A true zero is shown as 0 (`zero: 'show'`).
 *
 * A count over a period is best given as its parts (`{ part: '2026-03', count }`, one per block of
 * the period: months, quarters, years): each part draws its own noise, keyed by the part's name, and
 * the shown value is from the sum of counts + sum of draws. Two overlapping periods then share the
 * draws of the parts they share, so their difference carries the draws of the parts that differ —
 * the same draws however many pairs of periods are asked, so there is nothing to average away; and a
 * part of zero draws too, so "nothing changed" never shows through as an exact 0.
 *
 * Pure: the secret is the caller's to keep (one random value per database, never served;
 * {@link newStatsSecret} makes one), and the same inputs always give the same cells.
 */

/** Noisy counts below this are withheld from callers without exact access. */
export const SMALL_CELL = 5;
/** Every count such callers see is a multiple of this. */
export const ROUNDING_BASE = 5;
/** Scale of the Laplace noise added before rounding: most counts move by 0–2, none by a known bound. */
export const NOISE_SCALE = 2;

/** One protected count. */
export interface ProtectedCount {
  /** The count as shown; null when suppressed. */
  readonly value: number | null;
  /** True when the count was withheld because it is small. */
  readonly suppressed: boolean;
}

/** One disjoint part of a count (a month of a period): see {@link protectCounts}. */
export interface CountPart {
  /** Names the part among the count's parts, the same every time it is asked: `2026-03`, `2026-Q2`. */
  readonly part: string;
  readonly count: number;
}

/** A count, whole or as the sum of its disjoint parts. */
export type CellCount = number | readonly CountPart[];

/** How to protect a table of counts. */
export interface ProtectCountsOptions {
  /** True for callers cleared for the people counted: every count exact, nothing withheld. */
  readonly exact: boolean;
  /** The database's noise secret ({@link newStatsSecret}); unused when `exact`. */
  readonly secret: string;
  /**
   * What the table is of (a region id, a region and period, a department): with each cell's name it
   * keys the noise, so that two tables never share draws and a cell always gets the same one. Put in
   * it every parameter of the question that changes which people are counted.
   */
  readonly key: string;
  /**
   * Whether a zero is shown as 0 (`show`, the default: "nobody" singles nobody out) or withheld
   * like a small cell (`suppress`: where the caller can choose the question so narrowly that "none
   * here" versus "some here" would place a person they already know of).
   * @default 'show'
   */
  readonly zero?: 'show' | 'suppress';
}

/**
 * Protects every cell of a table: `cells` maps each cell's name to its exact count (or its parts);
 * the result maps the same names to what the caller may see. Deterministic for the same question and
 * data.
 */
export function protectCounts<Name extends string>(
  cells: Readonly<Record<Name, CellCount>>,
  options: ProtectCountsOptions,
): Record<Name, ProtectedCount> {
  const shown = {} as Record<Name, ProtectedCount>;
  for (const name of Object.keys(cells) as Name[]) shown[name] = protectCount(cells[name], `${options.key}|${name}`, options);
  return shown;
}

/** Protects one count; `cellKey` names the cell uniquely (see {@link ProtectCountsOptions.key}). */
export function protectCount(
  cell: CellCount,
  cellKey: string,
  options: Pick<ProtectCountsOptions, 'exact' | 'secret' | 'zero'>,
): ProtectedCount {
  const count = typeof cell === 'number' ? cell : cell.reduce((sum, part) => sum + part.count, 0);
  if (options.exact) return { value: count, suppressed: false };
  if (count === 0 && (options.zero ?? 'show') === 'show') return { value: 0, suppressed: false };
  // The noise is keyed by the cell (and each part by its name), never by the count: a cell keeps its
  // draw however its count moves, so a caller who adds or removes records sees one fixed draw shifted
  // by what they added, and nothing to average. Suppression is decided on the noisy value for the same
  // reason: a threshold on the true count would tell an adder the count exactly where the cell first shows.
  const noise =
    typeof cell === 'number'
      ? laplaceNoise(options.secret, cellKey)
      : cell.reduce((sum, part) => sum + laplaceNoise(options.secret, `${cellKey}|${part.part}`), 0);
  return shownValue(count + noise);
}

/**
 * What a caller is shown for a noisy count: withheld below {@link SMALL_CELL}, otherwise rounded to
 * {@link ROUNDING_BASE}. The whole of what any number of questions can tell is a function of this one
 * noisy value (docs/statistics.md).
 */
export function shownValue(noisy: number): ProtectedCount {
  if (!(noisy >= SMALL_CELL)) return { value: null, suppressed: true };
  return { value: Math.max(SMALL_CELL, Math.round(noisy / ROUNDING_BASE) * ROUNDING_BASE), suppressed: false };
}

/** A fresh noise secret for a database: 32 random bytes, hex. */
export function newStatsSecret(): string {
  return randomBytes(32).toString('hex');
}

/** A Laplace(0, NOISE_SCALE) draw, the same for the same message; unpredictable without the secret. */
function laplaceNoise(secret: string, message: string): number {
  const digest = createHmac('sha256', secret).update(message).digest();
  const u = Math.min(Math.max(digest.readUIntBE(0, 6) / 2 ** 48, 1e-12), 1 - 1e-12) - 0.5;
  return -NOISE_SCALE * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
}
