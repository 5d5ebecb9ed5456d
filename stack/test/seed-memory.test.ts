import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { TEST_POSTGRES_URL_VARIABLE } from '../src';

// Seeding must not grow with the city in memory: 100,000 residents (14 to 26 hours of 44,000 water
// meters is 0.7 million readings) under a 512 MB heap. A seed that holds a department's rows at once dies
// here with "heap out of memory" (exit 134), in CI, instead of at a user's `--residents 1000000`.
const ROOT = join(__dirname, '..', '..');
const RESIDENTS = 100_000;
const HEAP_MB = 512;
const dataDir = mkdtempSync(join(tmpdir(), 'liangling-seed-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// The seed writes SQLite files whatever the test database: CI's PostgreSQL pass need not run it again.
const describeOnSqlite = process.env[TEST_POSTGRES_URL_VARIABLE] ? describe.skip : describe;

describeOnSqlite('npm run seed', () => {
  it(`seeds ${RESIDENTS.toLocaleString('en')} residents in every department under a ${HEAP_MB} MB heap`, () => {
    const run = spawnSync(
      process.execPath,
      [
        `--max-old-space-size=${HEAP_MB}`,
        '-r',
        join(ROOT, 'scripts', 'register.js'),
        join(ROOT, 'stack', 'src', 'bin', 'seed.ts'),
        '--residents',
        String(RESIDENTS),
        '--data-dir',
        dataDir,
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 540_000,
      },
    );
    expect({ status: run.status, signal: run.signal, stderr: run.stderr.slice(-2000) }).toEqual({
      status: 0,
      signal: null,
      stderr: expect.any(String),
    });
    expect(run.stdout).toMatch(/monitoring\s+seeded/);
    const count = (file: string, table: string) => {
      const db = new Database(join(dataDir, file), { readonly: true });
      try {
        return (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    expect(count('residents.db', 'Resident')).toBeGreaterThanOrEqual(RESIDENTS * 0.95);
    // 14 hours of every household's meter, 26 where an elderly resident lives alone.
    expect(count('monitoring.db', 'Reading')).toBeGreaterThan(14 * 44_000);
  }, 600_000);
});
