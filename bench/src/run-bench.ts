import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALLER_CONTEXT_HEADER, SUPERGRAPH_PATH, signCallerContext } from '@liangling/schema';
import { loadKeys, signToken, type StackKeys } from '@liangling/stack';
import { percentiles, runLoad, type LoadResult } from './load';
import { startChild, type BenchChild } from './processes/child';
import { WORKLOADS, type GraphQLBody, type Workload } from './workloads';

/** Who serves the workload: our gateway, the two peers on the same supergraph, or the subgraph alone. */
export type Target = 'ours' | 'bare' | 'hive' | 'floor';
export const TARGETS: readonly Target[] = ['ours', 'bare', 'hive', 'floor'];

export interface BenchOptions {
  /** Concurrent connections of the throughput cells. @default 20 */
  readonly connections?: number;
  /** Measured seconds per cell and round. @default 6 */
  readonly durationSeconds?: number;
  /** Unmeasured load before each cell. @default 2 */
  readonly warmupSeconds?: number;
  /** Rounds; each runs the gateways in the other order, so drift in the machine's load spreads evenly. @default 2 */
  readonly rounds?: number;
  /** Measured seconds of the one-connection latency cells (single-subgraph workloads). 0 skips them. @default durationSeconds */
  readonly latencySeconds?: number;
  /** Residents of the seeded city. @default 2000 */
  readonly seedResidents?: number;
  /** Only these workloads, by name. @default all */
  readonly workloads?: readonly string[];
  /** Only these targets. @default all */
  readonly targets?: readonly Target[];
  /** Node options for our gateway's process, e.g. `--cpu-prof` and `--cpu-prof-dir=…`. @default none */
  readonly oursExecArgv?: readonly string[];
  /** Node options for the subgraphs' process. @default none */
  readonly subgraphsExecArgv?: readonly string[];
  /** Told of progress, one line at a time. */
  readonly log?: (line: string) => void;
}

/** One cell of the table: what the load measured (without the raw latencies), where, and the peak memory. */
export interface Cell extends Omit<LoadResult, 'latencies'> {
  readonly workload: string;
  readonly target: Target;
  readonly connections: number;
  readonly seconds: number;
  /** Peak resident set size of the serving process while loaded (the subgraphs' process for `floor`), MB. */
  readonly rssPeakMb: number;
}

export interface Ratios {
  readonly workload: string;
  /** Throughput of ours divided by each peer's (1.0 = as fast; higher is better for us). */
  readonly oursOverBare?: number;
  readonly oursOverHive?: number;
  readonly oursOverFloor?: number;
  /** p50 of ours minus the subgraph alone, at one connection and at full concurrency (ms). */
  readonly addedP50OverFloorC1Ms?: number;
  readonly addedP50OverFloorMs?: number;
}

export interface BenchResults {
  readonly date: string;
  readonly machine: { readonly nproc: number; readonly cpu: string; readonly node: string; readonly loadAverageBefore: readonly number[]; readonly loadAverageAfter: readonly number[] };
  readonly settings: Required<Pick<BenchOptions, 'connections' | 'durationSeconds' | 'warmupSeconds' | 'rounds' | 'latencySeconds' | 'seedResidents'>>;
  readonly workloads: readonly { name: string; description: string; caller: string }[];
  /** One response of each workload through each target before the load: status and error codes. */
  readonly smoke: readonly { workload: string; target: Target; status: number; errorCodes: readonly string[] }[];
  readonly cells: readonly Cell[];
  readonly ratios: readonly Ratios[];
  /** Idle resident set size of each process after start-up, MB. */
  readonly idleRssMb: Readonly<Record<string, number>>;
}

/**
 * Starts the subgraphs (a seeded small city in a temporary folder) and each gateway in a process of
 * its own, loads every workload through each in turn from this process, and returns the cells and
 * ratios. Loopback only; everything is stopped and the folder removed at the end.
 */
export async function runBench(options: BenchOptions = {}): Promise<BenchResults> {
  const log = options.log ?? (() => undefined);
  const connections = options.connections ?? 20;
  const durationSeconds = options.durationSeconds ?? 6;
  const warmupSeconds = options.warmupSeconds ?? 2;
  const rounds = options.rounds ?? 2;
  const latencySeconds = options.latencySeconds ?? durationSeconds;
  const seedResidents = options.seedResidents ?? 2000;
  const workloads = WORKLOADS.filter((workload) => !options.workloads || options.workloads.includes(workload.name));
  const targets = TARGETS.filter((target) => !options.targets || options.targets.includes(target));
  const loadAverageBefore = loadavg().map((value) => Math.round(value * 100) / 100);

  const dataDir = mkdtempSync(join(tmpdir(), 'liangling-bench-'));
  const children: BenchChild[] = [];
  try {
    const keys = loadKeys(dataDir);
    const env = { BENCH_DATA_DIR: dataDir, BENCH_SEED_RESIDENTS: String(seedResidents), BENCH_SUPERGRAPH: join(dataDir, 'supergraph.graphql') };
    log(`seeding ${seedResidents} residents and starting the subgraphs in ${dataDir}`);
    const subgraphsProcess = await startChild('subgraphs', 'subgraphs', env, options.subgraphsExecArgv ?? []);
    children.push(subgraphsProcess);
    const subgraphs = subgraphsProcess.ready.subgraphs ?? {};
    writeFileSync(env.BENCH_SUPERGRAPH, withSubgraphUrls(readFileSync(SUPERGRAPH_PATH, 'utf8'), subgraphs));

    const gateways = new Map<Target, BenchChild>();
    for (const target of targets) {
      if (target === 'floor') continue;
      const child = await startChild(target, target, env, target === 'ours' ? (options.oursExecArgv ?? []) : []);
      children.push(child);
      gateways.set(target, child);
      log(`${target} gateway at ${child.ready.url} (pid ${child.pid})`);
    }
    const idleRssMb = Object.fromEntries(children.map((child) => [child.name, mb(child.rss())]));

    const where = async (target: Target, workload: Workload): Promise<{ url: string; headers: Record<string, string>; sign?: (body: string) => Record<string, string>; process: BenchChild } | undefined> => {
      if (target === 'floor') {
        const url = workload.floorSubgraph ? subgraphs[workload.floorSubgraph] : undefined;
        if (!url) return undefined;
        // Signed per request, bound to its body, as the gateway does: a subgraph takes each context once.
        return { url, headers: {}, sign: (body) => ({ [CALLER_CONTEXT_HEADER]: signCallerContext(workload.caller, keys.callerKey, { method: 'POST', body }) }), process: subgraphsProcess };
      }
      const gateway = gateways.get(target);
      if (!gateway) return undefined;
      return { url: gateway.ready.url, headers: await headersFor(target, workload, keys), process: gateway };
    };

    const smoke: BenchResults['smoke'][number][] = [];
    for (const workload of workloads) {
      for (const target of targets) {
        const at = await where(target, workload);
        if (!at) continue;
        const first = workload.requests[0];
        const body = typeof first === 'function' ? first() : first;
        const answer = await post(at.url, at.headers, body ?? { query: '{ __typename }' }, at.sign);
        smoke.push({ workload: workload.name, target, ...answer });
        if (answer.status !== 200 || answer.errorCodes.some((code) => code !== 'FORBIDDEN_FIELD')) {
          log(`  warning: ${workload.name} through ${target}: HTTP ${answer.status}, errors ${answer.errorCodes.join(', ') || 'none'}`);
        }
      }
    }

    const measured = new Map<string, { results: LoadResult[]; rssPeak: number; seconds: number }>();
    const measure = async (workload: Workload, target: Target, cellConnections: number, seconds: number) => {
      const at = await where(target, workload);
      if (!at) return;
      if (warmupSeconds > 0) await runLoad({ url: at.url, headers: at.headers, ...(at.sign ? { sign: at.sign } : {}), requests: workload.requests, connections: cellConnections, durationSeconds: warmupSeconds });
      let rssPeak = at.process.rss();
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, at.process.rss())), 250);
      const result = await runLoad({ url: at.url, headers: at.headers, ...(at.sign ? { sign: at.sign } : {}), requests: workload.requests, connections: cellConnections, durationSeconds: seconds }).finally(() => clearInterval(sampler));
      const key = `${workload.name}|${target}|${cellConnections}`;
      const entry = measured.get(key) ?? { results: [], rssPeak: 0, seconds: 0 };
      entry.results.push(result);
      entry.rssPeak = Math.max(entry.rssPeak, rssPeak);
      entry.seconds += seconds;
      measured.set(key, entry);
      log(`  ${workload.name.padEnd(20)} ${target.padEnd(5)} c=${String(cellConnections).padEnd(3)} ${result.requestsPerSecond.toFixed(1).padStart(7)} req/s  p50 ${result.p50Ms.toFixed(1)} ms  p99 ${result.p99Ms.toFixed(1)} ms  rss ${mb(rssPeak)} MB${result.non2xx + result.failures > 0 ? `  non-2xx ${result.non2xx} failed ${result.failures}` : ''}`);
    };

    for (let round = 0; round < rounds; round += 1) {
      log(`round ${round + 1} of ${rounds}`);
      // Interleaved per workload, the order flipped every round: a slow patch of the shared machine hits every gateway.
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      for (const workload of workloads) {
        for (const target of order) await measure(workload, target, connections, durationSeconds);
      }
      if (latencySeconds > 0) {
        for (const workload of workloads.filter((candidate) => candidate.floorSubgraph)) {
          for (const target of order) await measure(workload, target, 1, latencySeconds);
        }
      }
    }

    const cells: Cell[] = [];
    for (const [key, entry] of measured) {
      const [workload = '', target = 'ours', cellConnections = '0'] = key.split('|');
      const latencies = entry.results.flatMap((result) => result.latencies).sort((a, b) => a - b);
      const sampleError = entry.results.find((result) => result.sampleError)?.sampleError;
      cells.push({
        workload,
        target: target as Target,
        connections: Number(cellConnections),
        seconds: entry.seconds,
        requests: latencies.length,
        requestsPerSecond: Math.round((latencies.length / entry.seconds) * 10) / 10,
        ...percentiles(latencies),
        non2xx: sum(entry.results.map((result) => result.non2xx)),
        failures: sum(entry.results.map((result) => result.failures)),
        withGraphQLErrors: sum(entry.results.map((result) => result.withGraphQLErrors)),
        ...(sampleError !== undefined ? { sampleError } : {}),
        rssPeakMb: mb(entry.rssPeak),
      });
    }

    return {
      date: new Date().toISOString(),
      machine: { nproc: cpus().length, cpu: cpuModel(), node: process.version, loadAverageBefore, loadAverageAfter: loadavg().map((value) => Math.round(value * 100) / 100) },
      settings: { connections, durationSeconds, warmupSeconds, rounds, latencySeconds, seedResidents },
      workloads: workloads.map((workload) => ({ name: workload.name, description: workload.description, caller: workload.caller.role })),
      smoke,
      cells,
      ratios: workloads.map((workload) => ratiosOf(workload.name, cells, connections)),
      idleRssMb,
    };
  } finally {
    for (const child of [...children].reverse()) await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The committed supergraph, its subgraph URLs replaced by the running ones. */
export function withSubgraphUrls(supergraph: string, urls: Readonly<Record<string, string>>): string {
  return supergraph.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name: string) => (urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole));
}

async function headersFor(target: Target, workload: Workload, keys: StackKeys): Promise<Record<string, string>> {
  const headers: Record<string, string> = { 'x-bench-workload': workload.name };
  if (target === 'ours' && workload.caller.role !== 'anonymous') headers['authorization'] = `Bearer ${await signToken(workload.caller, keys.jwtSecret)}`;
  return headers;
}

async function post(url: string, headers: Record<string, string>, body: GraphQLBody, sign?: (body: string) => Record<string, string>): Promise<{ status: number; errorCodes: string[] }> {
  const sent = JSON.stringify(body);
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers, ...sign?.(sent) }, body: sent });
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
    return { status: response.status, errorCodes: [...new Set((parsed.errors ?? []).map((error) => error.extensions?.code ?? 'UNKNOWN'))] };
  } catch {
    return { status: response.status, errorCodes: ['NOT_JSON'] };
  }
}

function ratiosOf(workload: string, cells: readonly Cell[], connections: number): Ratios {
  const cell = (target: Target, c = connections) => cells.find((candidate) => candidate.workload === workload && candidate.target === target && candidate.connections === c);
  const ours = cell('ours');
  const ratio = (other: Cell | undefined) => (ours && other && other.requestsPerSecond > 0 ? Math.round((ours.requestsPerSecond / other.requestsPerSecond) * 100) / 100 : undefined);
  const added = (a: Cell | undefined, b: Cell | undefined) => (a && b ? Math.round((a.p50Ms - b.p50Ms) * 100) / 100 : undefined);
  const entries: [string, number | undefined][] = [
    ['oursOverBare', ratio(cell('bare'))],
    ['oursOverHive', ratio(cell('hive'))],
    ['oursOverFloor', ratio(cell('floor'))],
    ['addedP50OverFloorC1Ms', added(cell('ours', 1), cell('floor', 1))],
    ['addedP50OverFloorMs', added(ours, cell('floor'))],
  ];
  return { workload, ...Object.fromEntries(entries.filter(([, value]) => value !== undefined)) };
}

function cpuModel(): string {
  try {
    return execSync("grep -m1 'model name' /proc/cpuinfo", { encoding: 'utf8' }).split(':')[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  } catch {
    return cpus()[0]?.model ?? 'unknown';
  }
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
