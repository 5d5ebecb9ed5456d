import { createHash, randomUUID } from 'node:crypto';
import { databaseProvider, groupedCalls, insertRows, type AccessRecordInput, type GroupedCalls } from '@liangling/kit';
import type { Db } from './context';
import type { AccessRecord } from './generated/prisma/client';

/** The stored form of a record, without its position and hashes. */
type RecordBody = Omit<AccessRecord, 'seq' | 'prevHash' | 'hash'>;

/**
 * sha256 over the previous hash and every stored column, in a fixed order. `seq` is hashed as the JSON
 * number it always was (exact to 2^53, a million years of records), so 64-bit storage changed no hash.
 * A record with `means` (every record written since it was kept) hashes it and the correlation hint
 * too; older ones hash exactly what they were written with, so the whole chain still verifies.
 */
export function hashRecord(prevHash: string, seq: bigint | number, body: RecordBody): string {
  const columns: unknown[] = [
    prevHash,
    Number(seq),
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
  /** Records this verification checked. */
  readonly checked: number;
  readonly firstBrokenSeq: number | null;
  readonly reason: string | null;
  /** Where it started: 1 for a full verification, after the last checkpoint for an incremental one. */
  readonly fromSeq: number;
  /** The last record known whole, and its hash: the anchor to keep outside the database. */
  readonly lastSeq: number;
  readonly lastHash: string | null;
}

/** A record of the chain as kept outside the database (a file, a log line, a ticket): proof of how long it was. */
export interface ChainAnchor {
  readonly seq: number;
  readonly hash: string;
}

export interface AnchorReport {
  readonly ok: boolean;
  /** What the database holds now. */
  readonly lastSeq: number;
  readonly reason: string | null;
  /** Records the anchor proves existed that the database no longer holds (a restore from an older copy). */
  readonly lost: number;
}

/** Progress of a full verification, also kept in the database (`AuditCheckpoint` kind `full`). */
export interface VerificationProgress {
  readonly state: 'running' | 'done' | 'broken' | 'never';
  readonly verifiedSeq: number;
  /** The chain's length when asked. */
  readonly lastSeq: number;
  readonly startedAt: string | null;
  readonly verifiedAt: string | null;
}

const VERIFY_BATCH = 5000;

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

/**
 * The append-only, hash-chained trail, written by group commit: appends that arrive while a
 * transaction is being written wait and go into the next one together, in arrival order, so one
 * commit (one fsync) carries many requests' records and the chain still links record by record.
 * Each `append` resolves only once the transaction holding its records has committed (a reveal never
 * leaves before its record is durable) and rejects if it failed, as every append of that group does
 * (their reveals are all masked: no record, no reveal). The queue is bounded: past `queueLimit`
 * waiting records an append is refused at once instead of waiting without end. Appends are serialised
 * in this process; several audit replicas need the database lock around the append (see README).
 *
 * Verification is incremental: it starts after the last record a verification found whole (the
 * `incremental` checkpoint, whose record must still hash as it did) and moves the checkpoint to the
 * end, so each call costs what was appended since. A full verification from the first record, which
 * catches a change to a record behind the checkpoint, runs as a background job with its progress kept.
 */
export class AuditChain {
  private readonly appends: GroupedCalls<AccessRecordInput>;
  private full: Promise<ChainReport> | undefined;

  constructor(
    private readonly db: Db,
    queueLimit = AUDIT_QUEUE_LIMIT,
  ) {
    this.appends = groupedCalls((records) => this.appendNow(records), {
      maxPerCall: GROUP_COMMIT_MAX,
      queueLimit,
      full: (limit) => new AuditQueueFullError(limit),
    });
  }

  append(records: readonly AccessRecordInput[]): Promise<void> {
    return this.appends.add(records);
  }

  private async appendNow(records: readonly AccessRecordInput[]): Promise<void> {
    await this.db.$transaction(async (tx) => {
      // Several audit replicas on PostgreSQL: a transaction-scoped lock makes the append single-writer
      // across processes (SQLite has one writer already).
      if (databaseProvider(this.db) === 'postgresql') await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('liangling-audit-chain'))`;
      const last = await tx.accessRecord.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
      let seq = last?.seq ?? 0n;
      let prevHash = last?.hash ?? '';
      const rows: AccessRecord[] = [];
      const subjects: { subjectId: string; recordSeq: bigint }[] = [];
      for (const record of records) {
        seq += 1n;
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

  /** The last record: what to keep outside the database as an anchor after a backup or on a schedule. */
  async head(): Promise<ChainAnchor | null> {
    const last = await this.db.accessRecord.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
    return last ? { seq: Number(last.seq), hash: last.hash } : null;
  }

  /**
   * Verifies from the last checkpoint to the end (or, with `full`, from the first record) and reports
   * the first record whose link or content does not hold; a whole chain moves the checkpoint.
   */
  async verify(
    options: { readonly full?: boolean; readonly onProgress?: (verifiedSeq: number) => void | Promise<void> } = {},
  ): Promise<ChainReport> {
    let prevHash = '';
    let expectedSeq = 1n;
    if (!options.full) {
      const checkpoint = await this.db.auditCheckpoint.findUnique({ where: { kind: 'incremental' } });
      if (checkpoint) {
        const row = await this.db.accessRecord.findUnique({ where: { seq: checkpoint.seq } });
        const broken = (reason: string): ChainReport => ({
          ok: false,
          checked: 0,
          firstBrokenSeq: Number(checkpoint.seq),
          reason,
          fromSeq: Number(checkpoint.seq),
          lastSeq: Number(checkpoint.seq) - 1,
          lastHash: null,
        });
        if (!row) return broken('the last verified record is missing');
        if (row.hash !== checkpoint.hash || hashRecord(row.prevHash, row.seq, row) !== row.hash)
          return broken('the last verified record changed since it was verified');
        prevHash = row.hash;
        expectedSeq = row.seq + 1n;
      }
    }
    const fromSeq = Number(expectedSeq);
    let checked = 0;
    for (;;) {
      const batch = await this.db.accessRecord.findMany({
        where: { seq: { gte: expectedSeq } },
        orderBy: { seq: 'asc' },
        take: VERIFY_BATCH,
      });
      for (const row of batch) {
        const broken = (reason: string, at = row.seq): ChainReport => ({
          ok: false,
          checked,
          firstBrokenSeq: Number(at),
          reason,
          fromSeq,
          lastSeq: Number(expectedSeq) - 1,
          lastHash: prevHash || null,
        });
        if (row.seq !== expectedSeq) return broken('a record is missing', expectedSeq);
        if (row.prevHash !== prevHash) return broken('it does not link to the record before it');
        if (hashRecord(prevHash, row.seq, row) !== row.hash) return broken('its content does not match its hash');
        prevHash = row.hash;
        expectedSeq += 1n;
        checked += 1;
      }
      const verifiedSeq = expectedSeq - 1n;
      if (batch.length > 0) await options.onProgress?.(Number(verifiedSeq));
      if (batch.length < VERIFY_BATCH) {
        if (verifiedSeq > 0n) await this.checkpoint('incremental', verifiedSeq, prevHash, 'done');
        return { ok: true, checked, firstBrokenSeq: null, reason: null, fromSeq, lastSeq: Number(verifiedSeq), lastHash: prevHash || null };
      }
    }
  }

  /**
   * A full verification from the first record, in the background (one at a time: a second call joins
   * the one running); its progress is kept in the database as it goes (`progress()`).
   */
  startFullVerification(): Promise<ChainReport> {
    this.full ??= (async () => {
      const startedAt = new Date().toISOString();
      await this.checkpoint('full', 0n, '', 'running', startedAt);
      const report = await this.verify({ full: true, onProgress: (seq) => this.checkpoint('full', BigInt(seq), '', 'running', startedAt) });
      await this.checkpoint('full', BigInt(report.lastSeq), report.lastHash ?? '', report.ok ? 'done' : 'broken', startedAt);
      return report;
    })().finally(() => {
      this.full = undefined;
    });
    return this.full;
  }

  /** How far the last (or running) full verification got. */
  async progress(): Promise<VerificationProgress> {
    const [row, head] = await Promise.all([this.db.auditCheckpoint.findUnique({ where: { kind: 'full' } }), this.head()]);
    const lastSeq = head?.seq ?? 0;
    if (!row) return { state: 'never', verifiedSeq: 0, lastSeq, startedAt: null, verifiedAt: null };
    return {
      state: row.state as VerificationProgress['state'],
      verifiedSeq: Number(row.seq),
      lastSeq,
      startedAt: row.startedAt,
      verifiedAt: row.verifiedAt,
    };
  }

  /**
   * Compares the chain with an anchor kept outside the database: the anchored record must still be
   * there with the same hash. After a restore from an older copy, it is not: the report says how many
   * records were lost. (Run `verify` too: the anchor proves the length, verification the content.)
   */
  async checkAnchor(anchor: ChainAnchor): Promise<AnchorReport> {
    const head = await this.head();
    const lastSeq = head?.seq ?? 0;
    // An anchor of the empty chain proves nothing was there.
    if (anchor.seq === 0) return { ok: true, lastSeq, lost: 0, reason: null };
    const row = await this.db.accessRecord.findUnique({ where: { seq: BigInt(anchor.seq) }, select: { hash: true } });
    if (!row)
      return {
        ok: false,
        lastSeq,
        lost: anchor.seq - lastSeq,
        reason: `the anchor is record ${anchor.seq}, but the chain ends at ${lastSeq}: ${anchor.seq - lastSeq} records lost`,
      };
    if (row.hash !== anchor.hash)
      return {
        ok: false,
        lastSeq,
        lost: 0,
        reason: `record ${anchor.seq} is not the record anchored (another hash): the chain was replaced from there`,
      };
    return { ok: true, lastSeq, lost: 0, reason: null };
  }

  private async checkpoint(kind: string, seq: bigint, hash: string, state: string, startedAt = new Date().toISOString()): Promise<void> {
    const verifiedAt = new Date().toISOString();
    await this.db.auditCheckpoint.upsert({
      where: { kind },
      create: { kind, seq, hash, startedAt, verifiedAt, state },
      update: { seq, hash, verifiedAt, state, ...(kind === 'full' ? { startedAt } : {}) },
    });
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
