// Databases set up as an operator would (or would get wrong): the collation check refuses a database
// that does not sort bytewise, a missing database is created when allowed or named exactly when not,
// and the migration job applies migrations once so that services need only check them. A wrong setup
// is one line on stderr, exit code 2, and nothing written. PostgreSQL cases need LIANGLING_TEST_POSTGRES_URL.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { residents } from '@liangling/residents';
import { Client } from 'pg';
import { openDepartmentDatabase } from '../src';

const ROOT = join(__dirname, '..', '..');
const postgresServer = process.env['LIANGLING_TEST_POSTGRES_URL'];
const folders: string[] = [];
const databases: string[] = [];
const SECRETS = { JWT_SECRET: randomBytes(32).toString('hex'), CALLER_CONTEXT_SECRET: randomBytes(32).toString('hex') };

afterAll(async () => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  for (const name of databases) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

function dataDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'liangling-databases-'));
  folders.push(folder);
  return folder;
}

/** Runs a command-line entry point to its end, as an operator would. */
function run(script: string, args: readonly string[], env: NodeJS.ProcessEnv): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(
    process.execPath,
    ['-r', join(ROOT, 'scripts', 'register.js'), join(ROOT, 'stack', 'src', 'bin', script), ...args],
    {
      cwd: ROOT,
      env: { PATH: process.env['PATH'], NODE_ENV: 'production', HOST: '127.0.0.1', RESIDENTS_PORT: '0', ...SECRETS, ...env },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  return { status: result.status, stderr: result.stderr.trim(), stdout: result.stdout.trim() };
}

describe('migrations', () => {
  it('a service with MIGRATIONS=check refuses pending migrations in one line; the migration job applies them once', () => {
    const dir = dataDir();
    const refused = run('start-subgraph.ts', ['residents'], { DATA_DIR: dir, MIGRATIONS: 'check' });
    expect(refused.status).toBe(2);
    expect(refused.stderr.split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/^residents: residents\.db: \d+ migration\(s\) not applied .*npm run migrate$/);
    expect(existsSync(join(dir, 'keys.json'))).toBe(false);

    const first = run('migrate.ts', ['residents'], { DATA_DIR: dir });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^residents\s+applied \d{14}_init/);
    const again = run('migrate.ts', ['residents'], { DATA_DIR: dir });
    expect(again.stdout).toMatch(/^residents\s+up to date$/);
  }, 120_000);

  it('a service with MIGRATIONS=check starts once they are applied', async () => {
    const dir = dataDir();
    expect(run('migrate.ts', ['residents'], { DATA_DIR: dir }).status).toBe(0);
    const db = await openDepartmentDatabase(residents, { dataDir: dir, seedResidents: 40, migrations: 'check' });
    try {
      const counted = await db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS n FROM "Resident"`;
      expect(Number(counted[0]?.n)).toBe(40);
    } finally {
      await db.$disconnect();
    }
  }, 120_000);
});

(postgresServer ? describe : describe.skip)('PostgreSQL databases', () => {
  const urlOf = (name: string) => {
    const url = new URL(postgresServer!);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const fresh = () => {
    const name = `liangling_setup_${randomBytes(5).toString('hex')}`;
    databases.push(name);
    return name;
  };

  it('refuses a database that does not sort bytewise: one line, exit 2, nothing written', async () => {
    const name = fresh();
    await admin(
      `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'zh' LC_COLLATE 'C' LC_CTYPE 'C'`,
    );
    const dir = dataDir();
    const refused = run('start-subgraph.ts', ['residents'], { DATA_DIR: dir, RESIDENTS_DATABASE_URL: urlOf(name) });
    expect(refused.status).toBe(2);
    expect(refused.stderr.split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/sorts text by an ICU collation, not bytewise: .*CREATE DATABASE/);
    expect(await tablesIn(name)).toBe(0);
    expect(existsSync(join(dir, 'keys.json'))).toBe(false);
  }, 120_000);

  it('names exactly what to create when a database is missing, and creates it (C collation) when allowed', async () => {
    const name = fresh();
    const missing = run('migrate.ts', ['residents'], {
      DATA_DIR: dataDir(),
      RESIDENTS_DATABASE_URL: urlOf(name),
      CREATE_DATABASES: 'false',
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(
      `migrate: database "${name}" does not exist: create it with CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' (or set CREATE_DATABASES=true to let the services create it)`,
    );

    const created = run('migrate.ts', ['residents'], {
      DATA_DIR: dataDir(),
      RESIDENTS_DATABASE_URL: urlOf(name),
      CREATE_DATABASES: 'true',
    });
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/^residents\s+applied /);
    const rows = await admin(`SELECT datcollate FROM pg_database WHERE datname = '${name}'`);
    expect(rows).toEqual([{ datcollate: 'C' }]);
    expect(await tablesIn(name)).toBeGreaterThan(0);
  }, 120_000);
});

async function admin(sql: string): Promise<Record<string, unknown>[]> {
  if (!postgresServer) return [];
  const client = new Client({ connectionString: postgresServer });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

async function tablesIn(name: string): Promise<number> {
  const url = new URL(postgresServer!);
  url.pathname = `/${name}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}
