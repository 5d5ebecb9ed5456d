// Hive Gateway (@graphql-hive/gateway) on the same supergraph, one process as ours (the CLI would
// fork a worker per CPU in production). Header propagation adds the caller context, signed once per
// request for the workload's caller named by `x-bench-workload`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { CALLER_CONTEXT_HEADER, signCallerContext } from '@liangling/schema';
import { loadKeys } from '@liangling/stack';
import { callerOfWorkload } from '../callers';
import { benchEnv, serveInChild } from './child';

serveInChild(async () => {
  const { dataDir, supergraphPath } = benchEnv();
  const { callerKey } = loadKeys(dataDir);
  const signedPerRequest = new WeakMap<Request, Promise<string>>();
  const runtime = createGatewayRuntime({
    supergraph: readFileSync(supergraphPath, 'utf8'),
    logging: false,
    propagateHeaders: {
      fromClientToSubgraphs: async ({ request }) => {
        let signed = signedPerRequest.get(request);
        if (!signed) {
          signed = signCallerContext(callerOfWorkload(request.headers.get('x-bench-workload') ?? undefined), callerKey);
          signedPerRequest.set(request, signed);
        }
        return { [CALLER_CONTEXT_HEADER]: await signed };
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
