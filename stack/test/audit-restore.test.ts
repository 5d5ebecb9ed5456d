// The audit database backed up, appended to, and restored from the older copy: verification proves
// the restored chain whole and names its last record, and the anchor kept outside the database shows
// the lost tail. SQLite by default; PostgreSQL (pg_dump/pg_restore) with LIANGLING_TEST_POSTGRES_URL.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { audit, AuditChain, type ChainAnchor } from '@liangling/audit';
import type { AccessRecordInput, DatabaseClient } from '@liangling/kit';
import { backUp, restore, type AuditStore } from '../src/audit-backup';
import { createTestDatabase, openDepartmentDatabase, type TestDatabase } from '../src';

const postgresServer = process.env['LIANGLING_TEST_POSTGRES_URL'];
let dataDir: string;
let outside: string;
let database: TestDatabase | undefined;
let store: AuditStore;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'liangling-audit-db-'));
  // Where the operator keeps anchors and backups: not the database.
  outside = mkdtempSync(join(tmpdir(), 'liangling-audit-outside-'));
  if (postgresServer) database = await createTestDatabase(postgresServer);
  store = database ? { postgresUrl: database.url, schema: 'audit' } : { sqliteFile: join(dataDir, 'audit.db') };
});

afterAll(async () => {
  await database?.drop();
  for (const folder of [dataDir, outside]) if (folder) rmSync(folder, { recursive: true, force: true });
});

const open = () =>
  openDepartmentDatabase(audit, { dataDir, postgres: database ? { url: database.url, poolSize: 2 } : undefined, seedResidents: 40 });
const records = (n: number, from: number): AccessRecordInput[] =>
  Array.from({ length: n }, (_, i) => ({
    at: new Date(Date.UTC(2026, 11, 1, 8, 0, from + i)).toISOString(),
    requestId: `req-${from + i}`,
    subgraph: 'residents',
    actor: { role: 'grid_worker', sub: 'gw-1', regions: ['r-210103-1-1-1'] },
    typeName: 'Resident',
    means: 'read',
    fields: ['name', 'phone'],
    entityIds: [`p-${String(from + i).padStart(7, '0')}`],
    subjectIds: [`p-${String(from + i).padStart(7, '0')}`],
  }));

it('detects the lost tail after a restore from an older copy, against an anchor kept outside the database', async () => {
  let db: DatabaseClient = await open();
  let chain = new AuditChain(db as never);
  await chain.append(records(50, 1));
  expect(await chain.verify()).toMatchObject({ ok: true, lastSeq: 50 });
  const backup = join(outside, database ? 'audit.dump' : 'audit-backup.db');
  await backUp(store, backup);

  // After the backup, the service goes on appending, and anchors the chain's end outside the database.
  await chain.append(records(30, 51));
  const anchor = await chain.head();
  expect(anchor?.seq).toBe(80);
  const anchorFile = join(outside, 'anchor.jsonl');
  writeFileSync(anchorFile, `${JSON.stringify({ ...anchor, at: new Date().toISOString() })}\n`);
  expect(await chain.checkAnchor(anchor!)).toMatchObject({ ok: true, lastSeq: 80 });

  // The disk is lost; the service is stopped and the older copy restored.
  await db.$disconnect();
  restore(store, backup);
  db = await open();
  chain = new AuditChain(db as never);
  try {
    // The chain is whole (every link and hash holds) and ends at record 50 …
    const full = await chain.verify({ full: true });
    expect(full).toMatchObject({ ok: true, checked: 50, lastSeq: 50, firstBrokenSeq: null });
    expect(full.lastHash).toMatch(/^[0-9a-f]{64}$/);
    // … but the anchor says it was 80 long: 30 records are lost, and the check says so.
    const kept = JSON.parse(readFileSync(anchorFile, 'utf8').trim().split('\n').at(-1)!) as ChainAnchor;
    const report = await chain.checkAnchor(kept);
    expect(report).toMatchObject({ ok: false, lastSeq: 50, lost: 30 });
    expect(report.reason).toMatch(/anchor is record 80, but the chain ends at 50/);

    // A chain restored and then rewritten from there (another record 80) is refused too.
    await chain.append(records(30, 100));
    expect(await chain.checkAnchor(kept)).toMatchObject({ ok: false, lost: 0 });
  } finally {
    await db.$disconnect();
  }
}, 60_000);
