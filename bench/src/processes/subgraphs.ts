// Every department's subgraph, seeded with a small city, in one process: the same for every gateway.
// Started through `startStack` (its own gateway idles, unused): the one way the stack wires departments.
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
  });
  return { url: stack.subgraphs['residents'] ?? '', subgraphs: { ...stack.subgraphs }, stop: () => stack.stop() };
});
