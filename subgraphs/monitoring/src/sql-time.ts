import type { databaseProvider } from '@liangling/kit';
import { Prisma } from './generated/prisma/client';

/**
 * An instant as Prisma's SQLite adapter stores DateTime (`…+00:00`): raw SQL writes it the same way, so
 * that comparisons and the (device, time) key see one spelling per instant.
 */
export function sqlTime(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

/** The engine a statement is written for (the kit's `databaseProvider`). */
export type SqlEngine = ReturnType<typeof databaseProvider>;

/**
 * The start of the hour a DateTime column's instant lies in, as SQL of the engine: on SQLite the stored
 * text cut after the hour (`2026-12-01T10`) and spelled as Prisma stores DateTime, so that the result
 * compares with and reads back as any other instant; on PostgreSQL `date_trunc`. Times are UTC on both.
 * `column` comes from department code, never from input.
 */
export function sqlHourOf(engine: SqlEngine, column: string): Prisma.Sql {
  return engine === 'postgresql'
    ? Prisma.raw(`date_trunc('hour', "${column}")`)
    : Prisma.raw(`substr("${column}", 1, 13) || ':00:00.000+00:00'`);
}

/** The start of the hour `date` lies in. */
export function hourStart(date: Date): Date {
  return new Date(Math.floor(date.getTime() / HOUR_MS) * HOUR_MS);
}

export const HOUR_MS = 3_600_000;
