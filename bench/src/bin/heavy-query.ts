// node -r ./scripts/register.js bench/src/bin/heavy-query.ts [--seconds S] [--heavy N]
//
// One staff caller's worst allowed query against everyone else: a grid worker's light query (their
// grid's statistics, one connection) is measured idle, then while N connections of an emergency
// officer send the heaviest readings query the gateway accepts, back to back. Our gateway as
// production configures it, the subgraphs in a process of their own, a seeded city of 2,000
// residents in a temporary folder. Prints one JSON line: BENCHMARKS.md, "One caller's heavy query".
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SUPERGRAPH_PATH } from '@liangling/schema';
import { loadKeys, signToken } from '@liangling/stack';
import { percentiles, runLoad } from '../load';
import { startChild, type BenchChild } from '../processes/child';
import { withSubgraphUrls } from '../run-bench';
import { BENCH_GRID } from '../workloads';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '8' }, heavy: { type: 'string', default: '2' } } });
const seconds = Number(values.seconds);
const heavyConnections = Number(values.heavy);

const DAY = 24 * 60 * 60 * 1000;
const WINDOW = { from: new Date(Date.now() - 60 * DAY).toISOString(), to: new Date(Date.now() + DAY).toISOString() };
const KINDS = '[CAMERA, SMOKE_SENSOR, WATER_METER, ELEVATOR, GAS_DETECTOR, MANHOLE]';

/**
 * Candidates for the worst allowed staff query, heaviest first: the first one the gateway runs without
 * refusing it is measured. Twenty root readings lists were accepted before demand control counted
 * their size; with it, five pages of the largest size fill the allowance.
 */
const HEAVY_CANDIDATES = [
  `query($from: DateTimeISO!, $to: DateTimeISO!) { ${Array.from({ length: 20 }, (_, n) => `r${n}: deviceReadings(kinds: ${KINDS}, from: $from, to: $to) { at value device { id } }`).join(' ')} }`,
  ...[2000, 1000, 500].map(
    (first) =>
      `query($from: DateTimeISO!, $to: DateTimeISO!) { ${Array.from({ length: 5 }, (_, n) => `r${n}: deviceReadings(kinds: ${KINDS}, from: $from, to: $to, first: ${first}) { at value }`).join(' ')} }`,
  ),
];

const REFUSALS = new Set([
  'COST_LIMIT_EXCEEDED',
  'RESULT_TOO_LARGE',
  'GRAPHQL_VALIDATION_FAILED',
  'MAX_ALIASES_EXCEEDED',
  'MAX_ROOT_FIELDS_EXCEEDED',
  'MAX_DEPTH_EXCEEDED',
  'FORBIDDEN',
]);

const LIGHT = {
  query:
    'query GridStats($grid: ID!) { region(id: $grid) { id name stats { exact population { value suppressed } households { value suppressed } } } }',
  variables: { grid: BENCH_GRID },
};

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'liangling-heavy-'));
  const children: BenchChild[] = [];
  try {
    const keys = loadKeys(dataDir);
    const env = { BENCH_DATA_DIR: dataDir, BENCH_SEED_RESIDENTS: '2000', BENCH_SUPERGRAPH: join(dataDir, 'supergraph.graphql') };
    const subgraphs = await startChild('subgraphs', 'subgraphs', env);
    children.push(subgraphs);
    writeFileSync(env.BENCH_SUPERGRAPH, withSubgraphUrls(readFileSync(SUPERGRAPH_PATH, 'utf8'), subgraphs.ready.subgraphs ?? {}));
    const ours = await startChild('ours', 'ours', env);
    children.push(ours);
    const url = ours.ready.url;
    const light = {
      authorization: `Bearer ${await signToken({ role: 'grid_worker', sub: 'gw-1', regions: [BENCH_GRID] }, keys.jwtSecret)}`,
    };
    const heavyHeaders = {
      authorization: `Bearer ${await signToken({ role: 'department_officer', sub: 'o-1', department: 'EMERGENCY' }, keys.jwtSecret)}`,
    };

    let heavy: { query: string; variables: typeof WINDOW } | undefined;
    let heavyRows = 0;
    let heavyCodes: string[] = [];
    let heavyBytes = 0;
    let heavyMs = 0;
    for (const query of HEAVY_CANDIDATES) {
      const started = Date.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...heavyHeaders },
        body: JSON.stringify({ query, variables: WINDOW }),
      });
      const text = await response.text();
      const body = JSON.parse(text) as { data?: Record<string, unknown[] | null> | null; errors?: { extensions?: { code?: string } }[] };
      const codes = [...new Set((body.errors ?? []).map((error) => error.extensions?.code ?? 'UNKNOWN'))];
      // Refused before any work: not an allowed query. Anything else (a subgraph timing out under it) was allowed.
      if (codes.some((code) => REFUSALS.has(code))) continue;
      heavy = { query, variables: WINDOW };
      heavyCodes = codes;
      heavyRows = Object.values(body.data ?? {}).reduce((sum, list) => sum + (list?.length ?? 0), 0);
      heavyBytes = text.length;
      heavyMs = Date.now() - started;
      break;
    }
    if (!heavy) throw new Error('no heavy candidate was accepted');

    // The subgraphs may still be working on the probe (a subgraph goes on after the gateway gave up on it).
    for (let waited = 0; waited < 60_000; waited += 500) {
      const started = Date.now();
      await (
        await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...light }, body: JSON.stringify(LIGHT) })
      ).arrayBuffer();
      if (Date.now() - started < 300) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // One client, one request at a time, for the window; the last request is waited for and counted
    // (a load generator that drops what is still in flight would hide the worst wait).
    const lightLatencies = async (): Promise<{ requests: number; p50Ms: number; p99Ms: number; maxMs: number }> => {
      const latencies: number[] = [];
      const end = Date.now() + seconds * 1000;
      while (Date.now() < end) {
        const started = process.hrtime.bigint();
        await (
          await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...light }, body: JSON.stringify(LIGHT) })
        ).arrayBuffer();
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      latencies.sort((a, b) => a - b);
      return { requests: latencies.length, ...percentiles(latencies), maxMs: Math.round(latencies.at(-1) ?? 0) };
    };
    await runLoad({ url, headers: light, requests: [LIGHT], connections: 1, durationSeconds: 1 });
    const idle = await lightLatencies();
    let stop = false;
    let heavyDone = 0;
    const heavyLoops = Array.from({ length: heavyConnections }, async () => {
      while (!stop) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...heavyHeaders },
          body: JSON.stringify(heavy),
        });
        await response.arrayBuffer();
        heavyDone += 1;
      }
    });
    const loaded = await lightLatencies();
    stop = true;
    await Promise.all(heavyLoops);
    console.log(
      JSON.stringify({
        date: new Date().toISOString(),
        loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
        heavy: {
          rootFields: (heavy.query.match(/deviceReadings/g) ?? []).length,
          rows: heavyRows,
          megabytes: Math.round(heavyBytes / 1e5) / 10,
          aloneMs: heavyMs,
          errorCodes: heavyCodes,
          completedUnderLoad: heavyDone,
          connections: heavyConnections,
        },
        lightIdle: idle,
        lightUnderHeavy: loaded,
        p99Ratio: Math.round((loaded.p99Ms / idle.p99Ms) * 10) / 10,
      }),
    );
  } finally {
    await Promise.allSettled(children.map((child) => child.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
