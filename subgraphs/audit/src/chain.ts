import { createHash, randomUUID } from 'node:crypto';
import { databaseProvider, insertRows, type AccessRecordInput } from '@liangling/kit';
import type { Db } from './context';
import type { AccessRecord } from './generated/prisma/client';

/** The stored form of a record, without its position and hashes. */
type RecordBody = Omit<AccessRecord, 'seq' | 'prevHash' | 'hash'>;

/** sha256 over the previous hash and every stored column, in a fixed order. */
export function hashRecord(prevHash: string, seq: number, body: RecordBody): string {
  const canonical = JSON.stringify([
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
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface ChainReport {
  readonly ok: boolean;
  readonly checked: number;
  readonly firstBrokenSeq: number | null;
  readonly reason: string | null;
}

const VERIFY_BATCH = 1000;

/** Records waiting for the next group commit, beyond which appends are refused at once (fail closed: masked). @default 20000 */
export const AUDIT_QUEUE_LIMIT = 20_000;

/** Records written in one transaction at most; a longer queue is drained in several. */
const GROUP_COMMIT_MAX = 5_000;

/** Thrown by `append` when the queue is full: the department masks the reveal (AUDIT_UNAVAILABLE). */
export class AuditQueueFullError extends Error {
  constructor(limit: number) {
    super(`the audit queue is full (${limit} records waiting)`);
  }
}

interface Pending {
  readonly records: readonly AccessRecordInput[];
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * The append-only, hash-chained trail, written by group commit: appends that arrive while a
 * transaction is being written wait and go into the next one together, in arrival order, so one
 * commit (one fsync) carries many requests' records and the chain still links record by record.
 * Each `append` resolves only once the transaction holding its records has committed (a reveal never
 * leaves before its record is durable) and rejects if it failed, as every append of that group does
 * (their reveals are all masked: no record, no reveal). The queue is bounded: past `queueLimit`
 * waiting records an append is refused at once instead of waiting without end. Appends are serialised
 * in this process; several audit replicas need the database lock around the append (see README).
 */
export class AuditChain {
  private queue: Pending[] = [];
  private queuedRecords = 0;
  private writing = false;

  constructor(
    private readonly db: Db,
    private readonly queueLimit = AUDIT_QUEUE_LIMIT,
  ) {}

  append(records: readonly AccessRecordInput[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    if (this.queuedRecords + records.length > this.queueLimit) return Promise.reject(new AuditQueueFullError(this.queueLimit));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ records, resolve, reject });
      this.queuedRecords += records.length;
      if (!this.writing) void this.drain();
    });
  }

  /** Writes the queue group by group until it is empty; one writer at a time. */
  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const group: Pending[] = [];
        let count = 0;
        while (this.queue.length > 0 && (group.length === 0 || count + (this.queue[0]?.records.length ?? 0) <= GROUP_COMMIT_MAX)) {
          const next = this.queue.shift()!;
          group.push(next);
          count += next.records.length;
        }
        this.queuedRecords -= count;
        try {
          await this.appendNow(group.flatMap((pending) => pending.records));
          for (const pending of group) pending.resolve();
        } catch (error) {
          for (const pending of group) pending.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async appendNow(records: readonly AccessRecordInput[]): Promise<void> {
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
