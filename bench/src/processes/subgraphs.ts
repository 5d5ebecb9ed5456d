// Every department's subgraph, seeded with a small city: the same for every gateway. Started through
// `startStack` (its own gateway idles, unused): the one way the stack wires departments, and as
// `npm start` runs them, in a process per core (`BENCH_DEPARTMENT_PROCESSES`, 0: all in this one).
import { availableParallelism } from 'node:os';
import { startStack } from '@liangling/stack';
import { benchEnv, serveInChild } from './child';

serveInChild(async () => {
  const { dataDir } = benchEnv();
  const stack = await startStack({
    dataDir,
    seedResidents: Number(process.env['BENCH_SEED_RESIDENTS'] ?? 2000),
    gatewayPort: 0,
    subgraphPorts: {},
    jobIntervalMs: 0,
    departmentProcesses: Number(process.env['BENCH_DEPARTMENT_PROCESSES'] ?? Math.min(7, availableParallelism())),
  });
  return { url: stack.subgraphs['residents'] ?? '', subgraphs: { ...stack.subgraphs }, stop: () => stack.stop() };
});
