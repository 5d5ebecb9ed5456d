import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openDatabase, type AccessRecordInput } from '@liangling/kit';
import { audit } from '../src';
import { AuditChain, AuditQueueFullError } from '../src/chain';
import type { Db } from '../src/context';

// The chain's group commit, on a real database file: many requests' records in few transactions, the
// chain still verifiable record by record, and a bounded queue that refuses rather than waits.
let dataDir: string;
let db: Db;
let recordInserts = 0;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'liangling-audit-'));
  db = (await openDatabase({
    dataDir,
    name: 'audit',
    migrationsDir: join(audit.database.prismaDir, 'migrations'),
    connect: audit.database.connect,
    onQuery: (sql) => {
      if (sql.startsWith('INSERT INTO "AccessRecord"')) recordInserts += 1;
    },
  })) as Db;
});
afterAll(async () => {
  await db?.$disconnect();
  rmSync(dataDir, { recursive: true, force: true });
});

const record = (requestId: string, subject: string): AccessRecordInput => ({
  at: new Date().toISOString(),
  requestId,
  subgraph: 'residents',
  actor: { role: 'grid_worker', sub: 'gw-1', regions: ['r-210103-1-1-1'] },
  typeName: 'Resident',
  means: 'read',
  fields: ['name', 'phone'],
  entityIds: [subject],
  subjectIds: [subject],
});

describe('group commit', () => {
  it('writes the records of many concurrent requests in a few transactions, each append resolving once its group is durable, and the chain verifies record by record', async () => {
    const chain = new AuditChain(db);
    recordInserts = 0;
    const appends = Array.from({ length: 200 }, (_, i) =>
      chain.append([record(`req-${i}`, `p-${i}`), { ...record(`req-${i}`, `p-${i}`), typeName: 'Household' }]),
    );
    await Promise.all(appends);
    // 200 requests: the first transaction carries one, the rest wait and go together.
    expect(recordInserts).toBeGreaterThan(0);
    expect(recordInserts).toBeLessThanOrEqual(4);
    const rows = await db.accessRecord.findMany({ orderBy: { seq: 'asc' }, select: { seq: true, requestId: true } });
    expect(rows).toHaveLength(400);
    // Arrival order is chain order.
    expect(rows.slice(0, 4).map((row) => row.requestId)).toEqual(['req-0', 'req-0', 'req-1', 'req-1']);
    await expect(chain.verify({ full: true })).resolves.toMatchObject({ ok: true, checked: 400 });
  });

  it('refuses appends past the queue bound at once, and writes every accepted one', async () => {
    const chain = new AuditChain(db, 10);
    const before = await db.accessRecord.count();
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => chain.append([record(`bound-${i}`, `p-${i}`)])));
    const accepted = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
    const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    // The first starts writing at once; the next ten wait; the rest are refused.
    expect(accepted).toBe(11);
    expect(refused).toHaveLength(19);
    for (const outcome of refused) expect(outcome.reason).toBeInstanceOf(AuditQueueFullError);
    expect(await db.accessRecord.count()).toBe(before + accepted);
    await expect(chain.verify({ full: true })).resolves.toMatchObject({ ok: true, checked: before + accepted });
  });
});
