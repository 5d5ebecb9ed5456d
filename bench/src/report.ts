import type { BenchResults, Cell, Target } from './run-bench';

const LABELS: Readonly<Record<Target, string>> = { ours: 'ours', bare: 'bare @apollo/gateway', hive: 'Hive Gateway', floor: 'subgraph alone (floor)' };

/** The results as Markdown: the machine, one row per cell, then the ratios against the targets. */
export function resultsTable(results: BenchResults): string {
  const { machine, settings } = results;
  const lines = [
    `Run ${results.date.slice(0, 16).replace('T', ' ')} UTC on ${machine.nproc} × ${machine.cpu}, Node ${machine.node}; load average ${machine.loadAverageBefore.join(' / ')} before, ${machine.loadAverageAfter.join(' / ')} after.`,
    `${settings.connections} connections, ${settings.rounds} round(s) × ${settings.durationSeconds} s per cell after ${settings.warmupSeconds} s of warm-up; one-connection latency cells ${settings.latencySeconds} s; ${settings.seedResidents} residents.`,
    '',
    '| workload | through | conns | req/s | p50 ms | p95 ms | p99 ms | peak RSS MB | non-2xx / failed | with errors |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.cells.map((cell) => row(cell)),
    '',
    '| workload | ours / bare (req/s) | ours / Hive (req/s) | ours / floor (req/s) | ours − floor p50, 1 conn | ours − floor p50, full |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...results.ratios.map(
      (r) =>
        `| ${r.workload} | ${fixed(r.oursOverBare)} | ${fixed(r.oursOverHive)} | ${fixed(r.oursOverFloor)} | ${ms(r.addedP50OverFloorC1Ms)} | ${ms(r.addedP50OverFloorMs)} |`,
    ),
    '',
    `Idle RSS after start-up: ${Object.entries(results.idleRssMb).map(([name, value]) => `${name} ${value} MB`).join(', ')}.`,
  ];
  return lines.join('\n');
}

function row(cell: Cell): string {
  return `| ${cell.workload} | ${LABELS[cell.target]} | ${cell.connections} | ${cell.requestsPerSecond.toFixed(1)} | ${cell.p50Ms.toFixed(1)} | ${cell.p95Ms.toFixed(1)} | ${cell.p99Ms.toFixed(1)} | ${cell.rssPeakMb} | ${cell.non2xx} / ${cell.failures} | ${cell.withGraphQLErrors} |`;
}

const fixed = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(2));
const ms = (value: number | undefined) => (value === undefined ? '–' : `${value >= 0 ? '+' : ''}${value.toFixed(1)} ms`);
