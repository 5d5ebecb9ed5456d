// node -r ./scripts/register.js stack/src/bin/measure-audit.ts [--records N] [--postgres URL]
// Builds an audit chain of N records (default 1,000,000) in a fresh database (SQLite in a temporary
// folder, or a fresh PostgreSQL database on the server given), then times: a full verification (every
// record from the first), an incremental one after 1,000 more records (from the checkpoint), and one
// with nothing new. A benchmark, not a test: figures go to BENCHMARKS.md ("Audit chain at city scale").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit, AuditChain } from '@liangling/audit';
import type { AccessRecordInput } from '@liangling/kit';
import { openDepartmentDatabase } from '../databases';
import { createTestDatabase } from '../testing';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const total = argv.includes('--records') ? Number(argv[argv.indexOf('--records') + 1]) : 1_000_000;
  const server = argv.includes('--postgres') ? argv[argv.indexOf('--postgres') + 1] : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'liangling-measure-audit-'));
  const database = server ? await createTestDatabase(server) : undefined;
  const db = await openDepartmentDatabase(audit, {
    dataDir,
    postgres: database ? { url: database.url, poolSize: 2 } : undefined,
    seedResidents: 40,
  });
  const chain = new AuditChain(db as never);
  const batch = (n: number, from: number): AccessRecordInput[] =>
    Array.from({ length: n }, (_, i) => ({
      at: new Date(Date.UTC(2026, 0, 1) + (from + i) * 1000).toISOString(),
      requestId: `req-${from + i}`,
      subgraph: 'residents',
      actor: { role: 'grid_worker', sub: `gw-${(from + i) % 500}`, regions: [] },
      typeName: 'Resident',
      means: 'read',
      fields: ['name', 'phone'],
      entityIds: [`p-${String((from + i) % 1_000_000).padStart(7, '0')}`],
      subjectIds: [`p-${String((from + i) % 1_000_000).padStart(7, '0')}`],
    }));
  const time = async <T>(what: () => Promise<T>): Promise<[T, number]> => {
    const started = process.hrtime.bigint();
    const result = await what();
    return [result, Number(process.hrtime.bigint() - started) / 1e9];
  };
  try {
    const [, loadSeconds] = await time(async () => {
      for (let from = 1; from <= total; from += 1000) await chain.append(batch(Math.min(1000, total - from + 1), from));
    });
    console.log(`engine ${server ? 'postgresql' : 'sqlite'}; ${total} records appended in ${loadSeconds.toFixed(1)} s`);
    const [full, fullSeconds] = await time(() => chain.verify({ full: true }));
    console.log(
      `full verification: ${full.checked} records in ${fullSeconds.toFixed(2)} s (${Math.round(full.checked / fullSeconds)} records/s), ok ${full.ok}`,
    );
    await chain.append(batch(1000, total + 1));
    const [incremental, incrementalSeconds] = await time(() => chain.verify());
    console.log(
      `incremental verification after 1,000 more: ${incremental.checked} records from ${incremental.fromSeq} in ${(incrementalSeconds * 1000).toFixed(1)} ms, ok ${incremental.ok}`,
    );
    const [idle, idleSeconds] = await time(() => chain.verify());
    console.log(
      `incremental verification with nothing new: ${idle.checked} records in ${(idleSeconds * 1000).toFixed(1)} ms, ok ${idle.ok}`,
    );
  } finally {
    await db.$disconnect();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
