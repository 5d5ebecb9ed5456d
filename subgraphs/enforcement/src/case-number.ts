import type { Prisma } from './generated/prisma/client';

/**
 * The year a case is registered in, in China Standard Time (UTC+8, no daylight saving): a case
 * registered at 07:00 on 1 January Beijing time belongs to the new year even though UTC still says
 * 31 December.
 */
export function caseYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();
}

/**
 * The case number as written on documents (立案编号): district short name + 执 + 〔year〕 + a
 * four-digit sequence + 号, e.g. `沈河执〔2026〕0001号`. The district's short name drops its 区/县/市.
 */
export function formatCaseNumber(districtName: string, year: number, sequence: number): string {
  const short = districtName.replace(/[区县市]$/u, '');
  return `${short}执〔${year}〕${String(sequence).padStart(4, '0')}号`;
}

/**
 * Takes the next sequence number of a district's year. One statement that inserts or increments and
 * returns the counter, run in the transaction that inserts the case: concurrent registrations each get
 * their own number, and a registration that fails gives its number back with the rollback.
 */
export async function nextSequence(tx: Prisma.TransactionClient, districtId: string, year: number): Promise<number> {
  const rows = await tx.$queryRaw<{ last: number | bigint }[]>`
    INSERT INTO "CaseCounter" ("districtId", "year", "last") VALUES (${districtId}, ${year}, 1)
    ON CONFLICT ("districtId", "year") DO UPDATE SET "last" = "CaseCounter"."last" + 1
    RETURNING "last"`;
  const last = rows[0]?.last;
  if (last === undefined) throw new Error(`The case counter of ${districtId} ${year} returned nothing`);
  return Number(last);
}
