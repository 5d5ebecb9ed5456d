// Hive Gateway (@graphql-hive/gateway) on the same supergraph, one process as ours (the CLI would
// fork a worker per CPU in production). Header propagation adds the caller context, signed once per
// request for the workload's caller named by `x-bench-workload`, and a request id, as ours sends:
// subgraphs record it with every reveal. (It also keeps Hive's in-flight deduplication, which merges
// identical concurrent subgraph queries, from merging different clients' requests: merged, all but
// one client's reveals would go unaudited. `BENCH_HIVE_DEDUPE=1` leaves the id out to measure that.)
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { CALLER_CONTEXT_HEADER, signCallerContext } from '@liangling/schema';
import { loadKeys } from '@liangling/stack';
import { callerOfWorkload } from '../callers';
import { benchEnv, serveInChild } from './child';

// Hive's upstream fetches add an abort listener per subgraph call to one signal: quiet Node's leak warning.
EventEmitter.defaultMaxListeners = 100;

serveInChild(async () => {
  const { dataDir, supergraphPath } = benchEnv();
  const { callerKey } = loadKeys(dataDir);
  const signedPerRequest = new WeakMap<Request, { signed: Promise<string>; requestId: string }>();
  const withRequestId = process.env['BENCH_HIVE_DEDUPE'] !== '1';
  const runtime = createGatewayRuntime({
    supergraph: readFileSync(supergraphPath, 'utf8'),
    logging: false,
    propagateHeaders: {
      fromClientToSubgraphs: async ({ request }) => {
        let entry = signedPerRequest.get(request);
        if (!entry) {
          entry = { signed: signCallerContext(callerOfWorkload(request.headers.get('x-bench-workload') ?? undefined), callerKey), requestId: randomUUID() };
          signedPerRequest.set(request, entry);
        }
        return { [CALLER_CONTEXT_HEADER]: await entry.signed, ...(withRequestId ? { 'x-request-id': entry.requestId } : {}) };
      },
    },
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
});
