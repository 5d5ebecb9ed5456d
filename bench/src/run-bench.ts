import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALLER_CONTEXT_HEADER, SUPERGRAPH_PATH, signCallerContext } from '@liangling/schema';
import { loadKeys, signToken, type StackKeys } from '@liangling/stack';
import { runLoad, type LoadResult } from './load';
import { startChild, type BenchChild } from './processes/child';
import { WORKLOADS, type GraphQLBody, type Workload } from './workloads';

/**
 * Who serves the workload: our gateway, the two peers on the same supergraph, the subgraph alone, or
 * the limit (prepared SQLite statements and JSON on the same files, for the workloads it answers).
 */
export type Target = 'ours' | 'bare' | 'hive' | 'floor' | 'limit';
export const TARGETS: readonly Target[] = ['ours', 'bare', 'hive', 'floor', 'limit'];

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
  /**
   * Connections of the overload cells (the grid page through ours, after the rounds): far past what the
   * gateway admits at once, so its load shedding answers 503 + Retry-After and the admitted requests'
   * p99 stays bounded. 0 skips them. @default 10 × connections
   */
  readonly overloadConnections?: number;
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
  /** 1, 2, …: rounds are reported apart, never averaged, so a stalled round shows as what it is. */
  readonly round: number;
  readonly seconds: number;
  /** Peak resident set size of the serving process while loaded (the subgraphs' process for `floor`), MB. */
  readonly rssPeakMb: number;
  /**
   * CPU milliseconds per completed request of every serving process (the gateway's and the
   * subgraphs', with their department processes; the limit's alone): robust to a busy machine.
   */
  readonly cpuMsPerRequest: number;
  /** Why the cell's figure is not a throughput to trust (`near zero`, `p99 over budget`, `non-2xx`, `audit unavailable`); empty when sound. */
  readonly flags: readonly string[];
}

/**
 * Flags of a cell: completed requests near zero (fewer than two per connection over the whole cell:
 * a stall, not a slow server), p99 over the cell's time budget (its duration: the latency is then the
 * length of a queue), any non-2xx or failed request, any answer masked with AUDIT_UNAVAILABLE.
 */
export function flagsOf(
  result: Pick<LoadResult, 'requests' | 'p99Ms' | 'non2xx' | 'failures' | 'auditUnavailable'>,
  connections: number,
  seconds: number,
): string[] {
  const flags: string[] = [];
  if (result.requests < connections * 2) flags.push('near zero');
  if (!(result.p99Ms <= seconds * 1000)) flags.push('p99 over budget');
  if (result.non2xx + result.failures > 0) flags.push('non-2xx');
  if (result.auditUnavailable > 0) flags.push('audit unavailable');
  return flags;
}

export interface Ratios {
  readonly workload: string;
  readonly round: number;
  /** Throughput of ours divided by each peer's (1.0 = as fast; higher is better for us). */
  readonly oursOverBare?: number;
  readonly oursOverHive?: number;
  readonly oursOverFloor?: number;
  readonly oursOverLimit?: number;
  /** CPU milliseconds per request of ours over the limit's (how much more work ours does per answer; lower is better). */
  readonly cpuOursOverLimit?: number;
  /** p50 of ours minus the subgraph alone, at one connection and at full concurrency (ms). */
  readonly addedP50OverFloorC1Ms?: number;
  readonly addedP50OverFloorMs?: number;
}

export interface BenchResults {
  readonly date: string;
  readonly machine: {
    readonly nproc: number;
    readonly cpu: string;
    readonly node: string;
    readonly loadAverageBefore: readonly number[];
    readonly loadAverageAfter: readonly number[];
  };
  readonly settings: Required<
    Pick<
      BenchOptions,
      'connections' | 'durationSeconds' | 'warmupSeconds' | 'rounds' | 'latencySeconds' | 'seedResidents' | 'overloadConnections'
    >
  >;
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
    const env = {
      BENCH_DATA_DIR: dataDir,
      BENCH_SEED_RESIDENTS: String(seedResidents),
      BENCH_SUPERGRAPH: join(dataDir, 'supergraph.graphql'),
    };
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

    const where = async (
      target: Target,
      workload: Workload,
    ): Promise<
      { url: string; headers: Record<string, string>; sign?: (body: string) => Record<string, string>; process: BenchChild } | undefined
    > => {
      if (target === 'limit') {
        const limit = gateways.get('limit');
        return limit && workload.limitAnswers ? { url: limit.ready.url, headers: {}, process: limit } : undefined;
      }
      if (target === 'floor') {
        const url = workload.floorSubgraph ? subgraphs[workload.floorSubgraph] : undefined;
        if (!url) return undefined;
        // Signed per request, bound to its body, as the gateway does: a subgraph takes each context once.
        return {
          url,
          headers: {},
          sign: (body) => ({ [CALLER_CONTEXT_HEADER]: signCallerContext(workload.caller, keys.callerKey, { method: 'POST', body }) }),
          process: subgraphsProcess,
        };
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

    const cells: Cell[] = [];
    const overloadConnections = options.overloadConnections ?? connections * 10;
    const measure = async (round: number, workload: Workload, target: Target, cellConnections: number, seconds: number) => {
      const at = await where(target, workload);
      if (!at) return;
      if (warmupSeconds > 0)
        await runLoad({
          url: at.url,
          headers: at.headers,
          ...(at.sign ? { sign: at.sign } : {}),
          requests: workload.requests,
          connections: cellConnections,
          durationSeconds: warmupSeconds,
        });
      const serving = target === 'floor' || target === 'limit' ? [at.process] : [at.process, subgraphsProcess];
      const cpuBefore = serving.reduce((total, child) => total + child.cpuMs(), 0);
      let rssPeak = at.process.rss();
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, at.process.rss())), 250);
      const { latencies: _latencies, ...result } = await runLoad({
        url: at.url,
        headers: at.headers,
        ...(at.sign ? { sign: at.sign } : {}),
        requests: workload.requests,
        connections: cellConnections,
        durationSeconds: seconds,
      }).finally(() => clearInterval(sampler));
      const cpuMs = serving.reduce((total, child) => total + child.cpuMs(), 0) - cpuBefore;
      const cpuMsPerRequest = result.requests > 0 ? Math.round((cpuMs / result.requests) * 100) / 100 : Number.NaN;
      const flags = flagsOf(result, cellConnections, seconds);
      cells.push({
        workload: workload.name,
        target,
        connections: cellConnections,
        round,
        seconds,
        ...result,
        requestsPerSecond: Math.round(result.requestsPerSecond * 10) / 10,
        rssPeakMb: mb(rssPeak),
        cpuMsPerRequest,
        flags,
      });
      log(
        `  ${workload.name.padEnd(20)} ${target.padEnd(5)} c=${String(cellConnections).padEnd(3)} ${result.requestsPerSecond.toFixed(1).padStart(7)} req/s  ${cpuMsPerRequest.toFixed(1)} CPU ms/req  p50 ${result.p50Ms.toFixed(1)} ms  p99 ${result.p99Ms.toFixed(1)} ms  rss ${mb(rssPeak)} MB${result.non2xx + result.failures > 0 ? `  non-2xx ${result.non2xx} failed ${result.failures}` : ''}${flags.length ? `  FLAGGED: ${flags.join(', ')}` : ''}`,
      );
    };

    for (let round = 0; round < rounds; round += 1) {
      log(`round ${round + 1} of ${rounds}`);
      // Interleaved per workload, the order flipped every round: a slow patch of the shared machine hits every gateway.
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      for (const workload of workloads) {
        for (const target of order) await measure(round + 1, workload, target, connections, durationSeconds);
      }
      if (latencySeconds > 0) {
        for (const workload of workloads.filter((candidate) => candidate.floorSubgraph)) {
          for (const target of order) await measure(round + 1, workload, target, 1, latencySeconds);
        }
      }
    }
    if (overloadConnections > 0 && targets.includes('ours')) {
      log(`overload: ${overloadConnections} connections`);
      for (const workload of workloads.filter((candidate) => candidate.name === 'grid-worker-page'))
        await measure(1, workload, 'ours', overloadConnections, durationSeconds);
    }

    return {
      date: new Date().toISOString(),
      machine: {
        nproc: cpus().length,
        cpu: cpuModel(),
        node: process.version,
        loadAverageBefore,
        loadAverageAfter: loadavg().map((value) => Math.round(value * 100) / 100),
      },
      settings: { connections, durationSeconds, warmupSeconds, rounds, latencySeconds, seedResidents, overloadConnections },
      workloads: workloads.map((workload) => ({ name: workload.name, description: workload.description, caller: workload.caller.role })),
      smoke,
      cells,
      ratios: Array.from({ length: rounds }, (_, round) =>
        workloads.map((workload) => ratiosOf(workload.name, round + 1, cells, connections)),
      ).flat(),
      idleRssMb,
    };
  } finally {
    for (const child of [...children].reverse()) await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The committed supergraph, its subgraph URLs replaced by the running ones. */
export function withSubgraphUrls(supergraph: string, urls: Readonly<Record<string, string>>): string {
  return supergraph.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name: string) =>
    urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole,
  );
}

async function headersFor(target: Target, workload: Workload, keys: StackKeys): Promise<Record<string, string>> {
  const headers: Record<string, string> = { 'x-bench-workload': workload.name };
  if (target === 'ours' && workload.caller.role !== 'anonymous')
    headers['authorization'] = `Bearer ${await signToken(workload.caller, keys.jwtSecret)}`;
  return headers;
}

async function post(
  url: string,
  headers: Record<string, string>,
  body: GraphQLBody,
  sign?: (body: string) => Record<string, string>,
): Promise<{ status: number; errorCodes: string[] }> {
  const sent = JSON.stringify(body);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers, ...sign?.(sent) },
    body: sent,
  });
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
    return { status: response.status, errorCodes: [...new Set((parsed.errors ?? []).map((error) => error.extensions?.code ?? 'UNKNOWN'))] };
  } catch {
    return { status: response.status, errorCodes: ['NOT_JSON'] };
  }
}

function ratiosOf(workload: string, round: number, cells: readonly Cell[], connections: number): Ratios {
  const cell = (target: Target, c = connections) =>
    cells.find(
      (candidate) =>
        candidate.workload === workload && candidate.round === round && candidate.target === target && candidate.connections === c,
    );
  const ours = cell('ours');
  const ratio = (other: Cell | undefined) =>
    ours && other && other.requestsPerSecond > 0 ? Math.round((ours.requestsPerSecond / other.requestsPerSecond) * 100) / 100 : undefined;
  const cpuRatio = (a: Cell | undefined, b: Cell | undefined) =>
    a && b && b.cpuMsPerRequest > 0 ? Math.round((a.cpuMsPerRequest / b.cpuMsPerRequest) * 10) / 10 : undefined;
  const added = (a: Cell | undefined, b: Cell | undefined) => (a && b ? Math.round((a.p50Ms - b.p50Ms) * 100) / 100 : undefined);
  const entries: [string, number | undefined][] = [
    ['oursOverBare', ratio(cell('bare'))],
    ['oursOverHive', ratio(cell('hive'))],
    ['oursOverFloor', ratio(cell('floor'))],
    ['oursOverLimit', ratio(cell('limit'))],
    ['cpuOursOverLimit', cpuRatio(ours, cell('limit'))],
    ['addedP50OverFloorC1Ms', added(cell('ours', 1), cell('floor', 1))],
    ['addedP50OverFloorMs', added(ours, cell('floor'))],
  ];
  return { workload, round, ...Object.fromEntries(entries.filter(([, value]) => value !== undefined)) };
}

function cpuModel(): string {
  try {
    return execSync("grep -m1 'model name' /proc/cpuinfo", { encoding: 'utf8' }).split(':')[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  } catch {
    return cpus()[0]?.model ?? 'unknown';
  }
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
