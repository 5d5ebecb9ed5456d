import { createHash, randomUUID } from 'node:crypto';
import { databaseProvider, insertRows, type AccessRecordInput } from '@liangling/kit';
import type { Db } from './context';
import type { AccessRecord } from './generated/prisma/client';

/** The stored form of a record, without its position and hashes. */
type RecordBody = Omit<AccessRecord, 'seq' | 'prevHash' | 'hash'>;

/**
 * sha256 over the previous hash and every stored column, in a fixed order. A record with `means`
 * (every record written since it was kept) hashes it and the correlation hint too; older ones hash
 * exactly what they were written with, so the whole chain still verifies.
 */
export function hashRecord(prevHash: string, seq: number, body: RecordBody): string {
  const columns: unknown[] = [
    prevHash,
    seq,
    body.id,
    body.at,
    body.requestId,
    body.subgraph,
    body.actorRole,
    body.actorSub,
    body.actorDepartment,
    body.actorOrganisation,
    body.clientApp,
    body.purpose,
    body.typeName,
    body.fields,
    body.entityIds,
    body.subjectIds,
  ];
  if (body.means !== null) columns.push(body.means, body.correlationId);
  const canonical = JSON.stringify(columns);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface ChainReport {
  readonly ok: boolean;
  readonly checked: number;
  readonly firstBrokenSeq: number | null;
  readonly reason: string | null;
}

const VERIFY_BATCH = 1000;

/**
 * The append-only, hash-chained trail. Appends are serialised in this process so that each record
 * links to the one before it; a batch is one transaction, so a request's records land whole or not
 * at all. (Several audit replicas would need a database lock around the append: see README.)
 */
export class AuditChain {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Db) {}

  append(records: readonly AccessRecordInput[]): Promise<void> {
    const next = this.tail.then(() => this.appendNow(records));
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async appendNow(records: readonly AccessRecordInput[]): Promise<void> {
    if (records.length === 0) return;
    await this.db.$transaction(async (tx) => {
      // Several audit replicas on PostgreSQL: a transaction-scoped lock makes the append single-writer
      // across processes (SQLite has one writer already).
      if (databaseProvider(this.db) === 'postgresql') await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext('liangling-audit-chain'))");
      const last = await tx.accessRecord.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
      let seq = last?.seq ?? 0;
      let prevHash = last?.hash ?? '';
      const rows: AccessRecord[] = [];
      const subjects: { subjectId: string; recordSeq: number }[] = [];
      for (const record of records) {
        seq += 1;
        const body: RecordBody = {
          id: randomUUID(),
          at: record.at,
          requestId: record.requestId,
          subgraph: record.subgraph,
          actorRole: record.actor.role,
          actorSub: record.actor.sub ?? null,
          actorDepartment: record.actor.department ?? null,
          actorOrganisation: record.actor.organisation ?? null,
          clientApp: record.actor.clientApp ?? null,
          purpose: record.actor.purpose ?? null,
          typeName: record.typeName,
          means: record.means,
          correlationId: record.correlationId ?? null,
          fields: JSON.stringify(record.fields),
          entityIds: JSON.stringify(record.entityIds),
          subjectIds: JSON.stringify(record.subjectIds),
        };
        const hash = hashRecord(prevHash, seq, body);
        rows.push({ ...body, seq, prevHash, hash });
        for (const subjectId of record.subjectIds) subjects.push({ subjectId, recordSeq: seq });
        prevHash = hash;
      }
      await insertRows(tx, 'AccessRecord', rows);
      await insertRows(tx, 'AccessSubject', subjects);
    });
  }

  /** Walks the whole chain and reports the first record whose link or content does not hold. */
  async verify(): Promise<ChainReport> {
    let prevHash = '';
    let expectedSeq = 1;
    let checked = 0;
    for (;;) {
      const batch = await this.db.accessRecord.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: 'asc' }, take: VERIFY_BATCH });
      if (batch.length === 0) return { ok: true, checked, firstBrokenSeq: null, reason: null };
      for (const row of batch) {
        const broken = (reason: string): ChainReport => ({ ok: false, checked, firstBrokenSeq: row.seq, reason });
        if (row.seq !== expectedSeq) return { ok: false, checked, firstBrokenSeq: expectedSeq, reason: 'a record is missing' };
        if (row.prevHash !== prevHash) return broken('it does not link to the record before it');
        if (hashRecord(prevHash, row.seq, row) !== row.hash) return broken('its content does not match its hash');
        prevHash = row.hash;
        expectedSeq += 1;
        checked += 1;
      }
    }
  }
}

const chains = new WeakMap<Db, AuditChain>();

/** The one chain of a database, shared by the intake route and the resolvers. */
export function chainOf(db: Db): AuditChain {
  let chain = chains.get(db);
  if (!chain) {
    chain = new AuditChain(db);
    chains.set(db, chain);
  }
  return chain;
}
