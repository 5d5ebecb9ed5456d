// Hive Gateway (@graphql-hive/gateway) on the same supergraph, one process as ours (the CLI would
// fork a worker per CPU in production). Header propagation adds the caller context, signed once per
// request for the workload's caller named by `x-bench-workload`, and a request id, as ours sends:
// subgraphs record it with every reveal. (It also keeps Hive's in-flight deduplication, which merges
// identical concurrent subgraph queries, from merging different clients' requests: merged, all but
// one client's reveals would go unaudited. `BENCH_HIVE_DEDUPE=1` leaves the id out to measure that.)
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway';
import { CALLER_CONTEXT_HEADER, signCallerContext } from '@liangling/schema';
import { loadKeys } from '@liangling/stack';
import { callerOfWorkload } from '../callers';
import { benchEnv, listenLocally, serveInChild } from './child';

// Hive's upstream fetches add an abort listener per subgraph call to one signal: quiet Node's leak warning.
EventEmitter.defaultMaxListeners = 100;

serveInChild(async () => {
  const { dataDir, supergraphPath } = benchEnv();
  const { callerKey } = loadKeys(dataDir);
  const requestIds = new WeakMap<Request, string>();
  const withRequestId = process.env['BENCH_HIVE_DEDUPE'] !== '1';
  const runtime = createGatewayRuntime({
    supergraph: readFileSync(supergraphPath, 'utf8'),
    logging: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => {
        let requestId = requestIds.get(request);
        if (!requestId) {
          requestId = randomUUID();
          requestIds.set(request, requestId);
        }
        return withRequestId ? { 'x-request-id': requestId } : {};
      },
    },
    // The caller context is bound to each subgraph request's body, as ours signs it: signed per fetch.
    plugins: () => [
      {
        onFetch: ({ options, setOptions, context }) => {
          const request = (context as { request?: Request } | undefined)?.request;
          const caller = callerOfWorkload(request?.headers.get('x-bench-workload') ?? undefined);
          const body = typeof options.body === 'string' ? options.body : '';
          const given =
            options.headers instanceof Headers
              ? Object.fromEntries(options.headers.entries())
              : (options.headers as Record<string, string> | undefined);
          const headers = {
            ...given,
            [CALLER_CONTEXT_HEADER]: signCallerContext(caller, callerKey, { method: options.method ?? 'POST', body }),
          };
          setOptions({ ...options, headers });
        },
      } satisfies GatewayPlugin,
    ],
  });
  const { url, close } = await listenLocally(createServer(runtime));
  return {
    url,
    stop: async () => {
      await close();
      await runtime.dispose();
    },
  };
});
