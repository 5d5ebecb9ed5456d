import type { BenchResults, Cell, Target } from './run-bench';

const LABELS: Readonly<Record<Target, string>> = {
  ours: 'ours',
  bare: 'bare @apollo/gateway',
  hive: 'Hive Gateway',
  floor: 'subgraph alone (floor)',
  limit: 'limit (SQLite + JSON)',
};

/** The results as Markdown: the machine, one row per cell, then the ratios against the targets. */
export function resultsTable(results: BenchResults): string {
  const { machine, settings } = results;
  const lines = [
    `Run ${results.date.slice(0, 16).replace('T', ' ')} UTC on ${machine.nproc} × ${machine.cpu}, Node ${machine.node}; load average ${machine.loadAverageBefore.join(' / ')} before, ${machine.loadAverageAfter.join(' / ')} after.`,
    `${settings.connections} connections, ${settings.rounds} round(s) × ${settings.durationSeconds} s per cell after ${settings.warmupSeconds} s of warm-up; one-connection latency cells ${settings.latencySeconds} s; ${settings.seedResidents} residents.`,
    '',
    'Each round is its own row, never averaged; **flagged** cells (completed requests near zero, p99 over the cell’s time, any non-2xx, any AUDIT_UNAVAILABLE) are not throughputs to trust.',
    '',
    '| workload | through | conns | round | req/s | CPU ms / req | p50 ms | p95 ms | p99 ms | peak RSS MB | non-2xx / failed | with errors | audit unavailable | flags |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...[...results.cells].sort(byWorkloadThenConnections(results)).map((cell) => row(cell)),
    '',
    '| workload | round | ours / bare (req/s) | ours / Hive (req/s) | ours / floor (req/s) | ours / limit (req/s) | CPU per request, ours / limit | ours − floor p50, 1 conn | ours − floor p50, full |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.ratios.map(
      (r) =>
        `| ${r.workload} | ${r.round} | ${fixed(r.oursOverBare)} | ${fixed(r.oursOverHive)} | ${fixed(r.oursOverFloor)} | ${fixed(r.oursOverLimit)} | ${fixed(r.cpuOursOverLimit)} | ${ms(r.addedP50OverFloorC1Ms)} | ${ms(r.addedP50OverFloorMs)} |`,
    ),
    '',
    ...roundDrift(results),
    ...overload(results),
    `Idle RSS after start-up: ${Object.entries(results.idleRssMb)
      .map(([name, value]) => `${name} ${value} MB`)
      .join(', ')}.`,
  ];
  return lines.join('\n');
}

function row(cell: Cell): string {
  const flags = cell.flags.length ? `**${cell.flags.join(', ')}**` : '';
  return `| ${cell.workload} | ${LABELS[cell.target]} | ${cell.connections} | ${cell.round} | ${cell.requestsPerSecond.toFixed(1)} | ${cell.cpuMsPerRequest.toFixed(1)} | ${cell.p50Ms.toFixed(1)} | ${cell.p95Ms.toFixed(1)} | ${cell.p99Ms.toFixed(1)} | ${cell.rssPeakMb} | ${cell.non2xx} / ${cell.failures} | ${cell.withGraphQLErrors} | ${cell.auditUnavailable} | ${flags} |`;
}

/** Cells grouped by workload (in run order), then connections, then target, then round. */
function byWorkloadThenConnections(results: BenchResults): (a: Cell, b: Cell) => number {
  const order = results.workloads.map((workload) => workload.name);
  const targets = Object.keys(LABELS);
  return (a, b) =>
    order.indexOf(a.workload) - order.indexOf(b.workload) ||
    b.connections - a.connections ||
    targets.indexOf(a.target) - targets.indexOf(b.target) ||
    a.round - b.round;
}

/** The overload cells: how many were shed (503 + Retry-After), and how long the admitted ones took. */
function overload(results: BenchResults): string[] {
  const cells = results.cells.filter(
    (cell) => cell.connections === results.settings.overloadConnections && cell.connections !== results.settings.connections,
  );
  if (cells.length === 0) return [];
  return [
    `Overload: ${results.settings.overloadConnections} connections through ours (its load shedding admits 64 at once and queues 128 for at most 1 s).`,
    '',
    '| workload | req/s answered 2xx | shed (503) | p99 of all answers ms | p99 of 2xx answers ms |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...cells.map(
      (cell) =>
        `| ${cell.workload} | ${((cell.requests - cell.non2xx) / cell.seconds).toFixed(1)} | ${cell.non2xx} | ${cell.p99Ms.toFixed(1)} | ${cell.p99OkMs.toFixed(1)} |`,
    ),
    '',
  ];
}

/** Our throughput in each later round against the first, per workload: a stall or a slow drift shows here. */
function roundDrift(results: BenchResults): string[] {
  if (results.settings.rounds < 2) return [];
  const lines = ['| workload | ours, round 2 / round 1 (req/s) |', '| --- | ---: |'];
  for (const { name } of results.workloads) {
    const of = (round: number) =>
      results.cells.find(
        (cell) =>
          cell.workload === name && cell.target === 'ours' && cell.round === round && cell.connections === results.settings.connections,
      );
    const first = of(1);
    const second = of(2);
    lines.push(
      `| ${name} | ${first && second && first.requestsPerSecond > 0 ? (second.requestsPerSecond / first.requestsPerSecond).toFixed(2) : '–'} |`,
    );
  }
  return [...lines, ''];
}

const fixed = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(2));
const ms = (value: number | undefined) => (value === undefined ? '–' : `${value >= 0 ? '+' : ''}${value.toFixed(1)} ms`);
