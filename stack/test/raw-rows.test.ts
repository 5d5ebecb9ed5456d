import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateCity, rowsWhereIn } from '@liangling/kit';
import { requests } from '@liangling/requests';
import { residents } from '@liangling/residents';
import { createTestDatabase, openDepartmentDatabase, TEST_POSTGRES_URL_VARIABLE, type TestDatabase } from '../src';

// The hot reads of a page go around Prisma's query engine (rowsWhereIn): their rows must be the very
// rows, typed alike (booleans, dates, nulls), and in the order `findMany` gives — on the engine this
// run uses (SQLite, or PostgreSQL in CI's second pass).
type Db = Awaited<ReturnType<typeof openDepartmentDatabase>> & Record<string, any>;
const dataDir = mkdtempSync(join(tmpdir(), 'liangling-raw-rows-'));
const serverUrl = process.env[TEST_POSTGRES_URL_VARIABLE];
let database: TestDatabase | undefined;
const opened: Db[] = [];

async function open(department: typeof residents | typeof requests): Promise<Db> {
  const city = generateCity({ residents: 400 });
  const db = (await openDepartmentDatabase(department, {
    dataDir,
    seedResidents: 400,
    city: () => city,
    ...(database ? { postgres: { url: database.url } } : {}),
  })) as Db;
  opened.push(db);
  return db;
}

beforeAll(async () => {
  if (serverUrl) database = await createTestDatabase(serverUrl);
});
afterAll(async () => {
  await Promise.all(opened.map((db) => db.$disconnect()));
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('rowsWhereIn', () => {
  it('reads residents by id exactly as findMany does', async () => {
    const db = await open(residents);
    const ids = (await db['resident'].findMany({ select: { id: true }, take: 60, orderBy: { id: 'desc' } })).map(
      (row: { id: string }) => row.id,
    );
    const byPrisma = await db['resident'].findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
    const byRaw = await rowsWhereIn<{ id: string }>(db, 'Resident', 'id', ids, [{ column: 'id', direction: 'ASC' }]);
    expect(byRaw).toHaveLength(60);
    expect(byRaw).toEqual(byPrisma);
    // Typed, not text: a boolean column reads as a boolean.
    expect(typeof (byRaw[0] as Record<string, unknown>)['elderly']).toBe('boolean');
    await expect(rowsWhereIn(db, 'Resident', 'id', [])).resolves.toEqual([]);
    await expect(rowsWhereIn(db, 'Resident', 'id', ['p-none', "x' OR 1=1 --"])).resolves.toEqual([]);
  });

  it('reads residents’ repair requests newest first exactly as findMany does, dates as dates and nulls as nulls', async () => {
    const db = await open(requests);
    const submitters = [
      ...new Set(
        (await db['repairRequest'].findMany({ select: { submittedById: true }, take: 40 })).map(
          (row: { submittedById: string }) => row.submittedById,
        ),
      ),
    ] as string[];
    const order = [{ createdAt: 'desc' }, { id: 'desc' }];
    const byPrisma = await db['repairRequest'].findMany({ where: { submittedById: { in: submitters } }, orderBy: order });
    const byRaw = await rowsWhereIn<Record<string, unknown>>(db, 'RepairRequest', 'submittedById', submitters, [
      { column: 'createdAt', direction: 'DESC' },
      { column: 'id', direction: 'DESC' },
    ]);
    expect(byRaw.length).toBeGreaterThanOrEqual(submitters.length);
    expect(byRaw).toEqual(byPrisma);
    expect(byRaw[0]!['createdAt']).toBeInstanceOf(Date);
    expect(byRaw.some((row) => row['closedAt'] === null)).toBe(true);
  });
});
