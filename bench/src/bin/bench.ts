// npm run bench [-- --quick] [--profile] [--workloads a,b] [--targets ours,bare,hive,floor] [--duration S] [--rounds N] [--connections N] [--write-md]
// Side-by-side load: our gateway, a bare @apollo/gateway, Hive Gateway and the subgraph alone, on
// the same seeded subgraphs, loopback only. Writes bench/results/<date>.json and prints the table.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resultsTable } from '../report';
import { TARGETS, runBench, type BenchOptions, type Target } from '../run-bench';
import { runSubscriptionBench, subscriptionTable } from '../subscriptions';

const BENCHMARKS_MD = join(__dirname, '..', '..', '..', 'BENCHMARKS.md');
const RESULTS_DIR = join(__dirname, '..', '..', 'results');
const START = '<!-- bench:latest:start -->';
const END = '<!-- bench:latest:end -->';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      workloads: { type: 'string' },
      targets: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      residents: { type: 'string' },
      'write-md': { type: 'boolean', default: false },
      subscriptions: { type: 'boolean', default: false },
      subscribers: { type: 'string' },
    },
  });
  // --subscriptions: the subscription bench alone (bench/src/subscriptions.ts).
  if (values.subscriptions) return benchSubscriptions(Number(values.subscribers ?? 1000), values['write-md'] ?? false);
  const stamp = new Date().toISOString().replace(/[:]/g, '-').slice(0, 19);
  const profileDir = join(RESULTS_DIR, 'profiles', stamp);
  const targets = values.targets?.split(',').map((target) => target.trim()) as Target[] | undefined;
  const unknown = targets?.filter((target) => !TARGETS.includes(target));
  if (unknown?.length) throw new Error(`unknown targets: ${unknown.join(', ')} (known: ${TARGETS.join(', ')})`);
  const options: BenchOptions = {
    // --quick: about two minutes; the default: under ten.
    durationSeconds: Number(values.duration ?? (values.quick ? 3 : 6)),
    warmupSeconds: Number(values.warmup ?? (values.quick ? 1 : 2)),
    rounds: Number(values.rounds ?? (values.quick ? 1 : 2)),
    connections: Number(values.connections ?? 20),
    seedResidents: Number(values.residents ?? 2000),
    ...(values.workloads ? { workloads: values.workloads.split(',').map((name) => name.trim()) } : {}),
    ...(targets ? { targets } : {}),
    // One profile per process: ours under `ours-*`, the subgraphs' under `subgraphs-*`.
    ...(values.profile
      ? {
          oursExecArgv: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-name=ours.cpuprofile'],
          subgraphsExecArgv: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-name=subgraphs.cpuprofile'],
        }
      : {}),
    log: (line) => console.log(line),
  };
  const started = Date.now();
  const results = await runBench(options);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  const table = resultsTable(results);
  console.log(`\n${table}\n`);
  console.log(`results: ${file} (${Math.round((Date.now() - started) / 1000)} s)`);
  if (values.profile)
    console.log(
      `CPU profiles of our gateway and the subgraphs: ${profileDir} (summarise: node -r ./scripts/register.js bench/src/bin/profile-summary.ts ${profileDir}/*.cpuprofile)`,
    );
  if (values['write-md']) replaceSection(START, END, table);
}

async function benchSubscriptions(subscribers: number, writeMd: boolean): Promise<void> {
  // Every subscriber its own caller (one query per subscriber per event), then the same connections
  // from 50 callers (a console open on several screens shares each event's query).
  const log = (line: string) => console.log(line);
  const result = [
    await runSubscriptionBench({ subscribers, callers: 50, events: 10, log }),
    await runSubscriptionBench({ subscribers, events: 3, churnRounds: 0, log }),
  ];
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `subscriptions-${new Date().toISOString().replace(/[:]/g, '-').slice(0, 19)}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  const table = subscriptionTable(result);
  console.log(`\n${table}\n\nresults: ${file}`);
  if (writeMd) replaceSection('<!-- bench:subscriptions:start -->', '<!-- bench:subscriptions:end -->', table);
}

/** Puts `table` between the `start` and `end` markers of BENCHMARKS.md, in place of what stood there. */
function replaceSection(start: string, end: string, table: string): void {
  const markdown = readFileSync(BENCHMARKS_MD, 'utf8');
  const at = markdown.indexOf(start);
  const stop = markdown.indexOf(end);
  if (at < 0 || stop < at) throw new Error(`BENCHMARKS.md has no ${start} … ${end} section to replace`);
  writeFileSync(BENCHMARKS_MD, `${markdown.slice(0, at + start.length)}\n${table}\n${markdown.slice(stop)}`);
  console.log('BENCHMARKS.md updated');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
