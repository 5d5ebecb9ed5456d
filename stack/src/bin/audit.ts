// npm run -s audit -- verify [--full] | progress | anchor [--out FILE] | check-anchor FILE | backup FILE | restore FILE
// The operator's tools for the audit trail (docs/reliability.md, "Back up, restore, verify"): verify
// from the last checkpoint (or from the first record), append the chain's end to an anchor file kept
// outside the database, back the audit data up, restore it (service stopped), and prove a restored
// chain whole against the last anchor. Prints JSON; exit 1 when the chain is broken or short, 2 on misuse.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { audit, AuditChain, type ChainAnchor } from '@liangling/audit';
import { backUp, restore, type AuditStore } from '../audit-backup';
import { configOrExit } from '../config';
import { openDepartmentDatabase, postgresLocationOf } from '../databases';

const USAGE = 'usage: audit verify [--full] | progress | anchor [--out FILE] | check-anchor FILE | backup FILE | restore FILE';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { full: { type: 'boolean', default: false }, out: { type: 'string' } },
  });
  const [command, file] = positionals;
  const config = configOrExit();
  const location = postgresLocationOf(audit, config.postgres);
  const store: AuditStore = location
    ? { postgresUrl: location.url, schema: location.schema ?? new URL(location.url).searchParams.get('schema') ?? 'public' }
    : { sqliteFile: join(config.dataDir, 'audit.db') };
  if ((command === 'backup' || command === 'restore' || command === 'check-anchor') && !file) return usage();
  if (command === 'backup') {
    await backUp(store, file!);
    print({ backedUpTo: file });
    return 0;
  }
  if (command === 'restore') {
    restore(store, file!);
    print({ restoredFrom: file, next: 'npm run -s audit -- check-anchor <anchor file>' });
    return 0;
  }
  if (!['verify', 'progress', 'anchor', 'check-anchor'].includes(command ?? '')) return usage();
  const db = await openDepartmentDatabase(audit, {
    dataDir: config.dataDir,
    postgres: config.postgres,
    seedResidents: config.seedResidents,
  });
  try {
    const chain = new AuditChain(db as never);
    if (command === 'verify') {
      const report = await chain.verify({
        full: values.full,
        onProgress: (seq) => void process.stderr.write(`verified up to record ${seq}\n`),
      });
      print(report);
      return report.ok ? 0 : 1;
    }
    if (command === 'progress') {
      print(await chain.progress());
      return 0;
    }
    if (command === 'anchor') {
      const head = await chain.head();
      const line = { seq: head?.seq ?? 0, hash: head?.hash ?? '', at: new Date().toISOString() };
      if (values.out) appendFileSync(values.out, `${JSON.stringify(line)}\n`);
      print(line);
      return 0;
    }
    // check-anchor: the whole chain, then its length against the last anchor kept outside the database.
    const lines = readFileSync(file!, 'utf8').trim().split('\n').filter(Boolean);
    const anchor = JSON.parse(lines.at(-1) ?? 'null') as ChainAnchor | null;
    if (!anchor || typeof anchor.seq !== 'number' || typeof anchor.hash !== 'string') {
      console.error(`check-anchor: ${file} holds no anchor line ({"seq":…,"hash":…})`);
      return 2;
    }
    const verified = await chain.verify({ full: true });
    const anchored = await chain.checkAnchor(anchor);
    print({ chain: verified, anchor: anchored });
    return verified.ok && anchored.ok ? 0 : 1;
  } finally {
    await db.$disconnect();
  }
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
