// Petition statistics: which petitions a question counts, what it counts of them, and how the counts
// are protected for callers outside the petitions office. Pure but for the noise secret's storage.
import {
  parsePeriod as parseRequiredPeriod,
  protectCounts,
  type CellCount,
  type CountPart,
  type PeriodInput,
  type ProtectedCount,
} from '@liangling/kit';
import type { Caller } from '@liangling/schema';
import { seesExactPetitionFigures } from './access';
import { deadlinesAt, type PetitionClockState } from './clocks';
import { PetitionStatus } from './enums';
import type { PrismaClient } from './generated/prisma/client';

/** The columns statistics read. */
export interface StatRow extends PetitionClockState {
  readonly channel: string;
  readonly targetDepartment: string;
  readonly closedAt: Date | null;
  readonly satisfaction: number | null;
}

export const STAT_COLUMNS = {
  channel: true,
  targetDepartment: true,
  status: true,
  receivedAt: true,
  decidedAt: true,
  extensionDays: true,
  repliedAt: true,
  closedAt: true,
  satisfaction: true,
} as const;

/** What a question counts: petitions received in [from, to), as things stood at `asOf`. */
export interface CountedPeriod {
  /** Null: since the first petition. */
  readonly from: Date | null;
  readonly to: Date;
  /** The moment statuses are read at: the end of the period, or now if that is earlier. */
  readonly asOf: Date;
  /** The blocks the period is made of, for protected counts; empty for exact ones. */
  readonly blocks: readonly Block[];
}

/** A whole calendar year, quarter or month (UTC) of a protected period. */
export interface Block {
  readonly name: string;
  readonly from: Date;
  readonly to: Date;
}

/** Validates a period from the API (the kit's `parsePeriod`); null stays null (all time). */
export function parsePeriod(period: PeriodInput | null | undefined): { from: Date; to: Date } | null {
  return period ? parseRequiredPeriod(period) : null;
}

/**
 * The period a question counts. The office gets exactly what it asked, up to now. Everyone else gets
 * whole calendar months (UTC) that have ended, widened outwards and starting no earlier than the
 * month of the first petition: a period of their own choosing could be cut around one petition whose
 * date the department complained about knows, and a month still running would change as that
 * petition arrives or moves on; an ended month counted as at its end never changes again.
 */
export function countedPeriod(
  requested: { from: Date; to: Date } | null,
  now: Date,
  exact: boolean,
  firstReceivedAt: Date | null,
): CountedPeriod {
  if (exact) {
    const to = requested?.to ?? now;
    return { from: requested?.from ?? null, to, asOf: new Date(Math.min(to.getTime(), now.getTime())), blocks: [] };
  }
  const origin = monthStart(firstReceivedAt ?? now);
  const from = requested ? new Date(Math.max(monthStart(requested.from).getTime(), origin.getTime())) : origin;
  const wanted = requested ? monthCeil(requested.to) : now;
  const to = new Date(Math.max(from.getTime(), Math.min(wanted.getTime(), monthStart(now).getTime())));
  return { from, to, asOf: to, blocks: blocksOf(from, to) };
}

/** Who asks a statistics question and when: whether they see exact figures, and the period their question counts. */
export async function questionOf(
  caller: Caller,
  now: Date,
  period: PeriodInput | null,
  firstReceivedAt: () => Promise<Date | null>,
): Promise<{ exact: boolean; counted: CountedPeriod }> {
  const exact = seesExactPetitionFigures(caller);
  return { exact, counted: countedPeriod(parsePeriod(period), now, exact, exact ? null : await firstReceivedAt()) };
}

/**
 * [from, to) cut into whole years, then quarters, then months, greedily from the start: every period
 * is cut the same way, so two periods share the blocks they have in common and with them the noise
 * those blocks draw (see the kit's `protectCounts`).
 */
export function blocksOf(from: Date, to: Date): Block[] {
  const blocks: Block[] = [];
  let at = from;
  while (at.getTime() < to.getTime()) {
    const year = at.getUTCFullYear();
    const month = at.getUTCMonth();
    const span = month === 0 && fits(at, 12, to) ? 12 : month % 3 === 0 && fits(at, 3, to) ? 3 : 1;
    const end = new Date(Date.UTC(year, month + span, 1));
    const name = span === 12 ? `${year}` : span === 3 ? `${year}-Q${month / 3 + 1}` : `${year}-${String(month + 1).padStart(2, '0')}`;
    blocks.push({ name, from: at, to: end });
    at = end;
  }
  return blocks;
}

function fits(at: Date, months: number, to: Date): boolean {
  return Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1) <= to.getTime();
}

function monthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

function monthCeil(date: Date): Date {
  const start = monthStart(date);
  return start.getTime() === date.getTime() ? start : new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
}

/** Counts of the statistics' cells over some petitions, as things stood at `asOf`. Cell names: see {@link cellNames}. */
export function countCells(
  rows: readonly StatRow[],
  asOf: Date,
  channels: readonly string[],
  departments: readonly string[],
): Record<string, number> {
  const cells: Record<string, number> = Object.fromEntries(cellNames(channels, departments).map((name) => [name, 0]));
  const by = (at: Date | null) => !!at && at.getTime() <= asOf.getTime();
  const add = (name: string, yes: boolean) => {
    if (yes && name in cells) cells[name]! += 1;
  };
  for (const row of rows) {
    const decided = by(row.decidedAt);
    const deadlines = deadlinesAt(row, asOf);
    add('received', true);
    add('accepted', decided && row.status !== PetitionStatus.NOT_ACCEPTED);
    add('notAccepted', decided && row.status === PetitionStatus.NOT_ACCEPTED);
    add('replied', by(row.repliedAt));
    add('closed', by(row.closedAt));
    add('overdue', deadlines.missed);
    add(`channel:${row.channel}`, true);
    add(`department:${row.targetDepartment}`, true);
    cells['deadlinesJudged']! += deadlines.judged;
    cells['deadlinesMet']! += deadlines.met;
    const rated = by(row.closedAt) && row.satisfaction !== null;
    add('rated', rated);
    if (rated) cells['ratingSum']! += row.satisfaction!;
  }
  return cells;
}

/** Every cell, in order: totals, then one per channel and one per target department. */
export function cellNames(channels: readonly string[], departments: readonly string[]): string[] {
  return [
    'received',
    'accepted',
    'notAccepted',
    'replied',
    'closed',
    'overdue',
    'deadlinesJudged',
    'deadlinesMet',
    'rated',
    'ratingSum',
    ...channels.map((channel) => `channel:${channel}`),
    ...departments.map((department) => `department:${department}`),
  ];
}

/** Cells whose counts depend on when they are read; the rest (arrivals) are fixed once the period has passed. */
const ARRIVAL_CELLS = /^(received|channel:|department:)/;

/**
 * The cells of a question, protected for the caller. Exact: counted once. Protected: counted per
 * block of the period, each block a part of the count keyed by its name (and, for cells that depend
 * on the moment they are read at, that moment), so overlapping periods share their common blocks'
 * noise; zero is suppressed too, since "none from this grid" against "some" would place a petition
 * the department complained about already knows of.
 */
export function protectedCells(
  rows: readonly StatRow[],
  period: CountedPeriod,
  exact: boolean,
  secret: string,
  key: string,
  channels: readonly string[],
  departments: readonly string[],
): Record<string, ProtectedCount> {
  if (exact) {
    const counts = countCells(rows, period.asOf, channels, departments);
    return protectCounts(counts, { exact: true, secret, key });
  }
  const parts: Record<string, CountPart[]> = Object.fromEntries(cellNames(channels, departments).map((name) => [name, []]));
  const asOfName = period.asOf.toISOString().slice(0, 7);
  for (const block of period.blocks) {
    const inBlock = rows.filter((row) => row.receivedAt.getTime() >= block.from.getTime() && row.receivedAt.getTime() < block.to.getTime());
    const counts = countCells(inBlock, period.asOf, channels, departments);
    for (const [name, count] of Object.entries(counts))
      parts[name]!.push({ part: ARRIVAL_CELLS.test(name) ? block.name : `${block.name}@${asOfName}`, count });
  }
  return protectCounts(parts as Record<string, CellCount>, { exact: false, secret, key, zero: 'suppress' });
}

/** A rate of two protected counts, within [min, max]; null when either is withheld or the base is 0. */
export function rateOf(numerator: ProtectedCount, base: ProtectedCount, min: number, max: number, places: number): number | null {
  if (numerator.value === null || base.value === null || base.value === 0) return null;
  const rate = Math.min(max, Math.max(min, numerator.value / base.value));
  return Math.round(rate * 10 ** places) / 10 ** places;
}

/** Target departments named by any petition, in order: every table lists the same ones, so a department's presence says nothing about a place. */
export async function knownDepartments(db: PrismaClient): Promise<string[]> {
  const rows = await db.petition.findMany({
    distinct: ['targetDepartment'],
    select: { targetDepartment: true },
    orderBy: { targetDepartment: 'asc' },
  });
  return rows.map((row) => row.targetDepartment);
}

/** When the first petition arrived, for the start of "all time". */
export async function firstReceivedAt(db: PrismaClient): Promise<Date | null> {
  return (await db.petition.findFirst({ orderBy: { receivedAt: 'asc' }, select: { receivedAt: true } }))?.receivedAt ?? null;
}
