// A bare @apollo/gateway: ApolloServer + ApolloGateway with their defaults. Its data sources still
// sign the caller context (per fetch, bound to its body, as ours does), or the subgraphs would refuse them, and
// send a request id (subgraphs record it with every reveal); the caller is the workload's, named by
// the `x-bench-workload` header (no auth).
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { CALLER_CONTEXT_HEADER, signCallerContext, type Caller } from '@liangling/schema';
import { loadKeys } from '@liangling/stack';
import { callerOfWorkload } from '../callers';
import { benchEnv, serveInChild } from './child';

interface BareContext {
  readonly caller: Caller;
  readonly requestId: string;
}

serveInChild(async () => {
  // Its one departure from the defaults: @apollo/gateway would otherwise report usage to Apollo and probe
  // cloud metadata addresses, traffic that must not leave this machine.
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
  const { dataDir, supergraphPath } = benchEnv();
  const { callerKey } = loadKeys(dataDir);
  // The caller context is bound to the body each fetch sends, so it is signed in the fetcher.
  const callers = new AsyncLocalStorage<Caller>();
  class SignedSource extends RemoteGraphQLDataSource<BareContext> {
    override fetcher = ((input: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }) => {
      const caller = callers.getStore();
      const headers = caller
        ? {
            ...init?.headers,
            [CALLER_CONTEXT_HEADER]: signCallerContext(caller, callerKey, {
              method: init?.method ?? 'POST',
              body: String(init?.body ?? ''),
            }),
          }
        : init?.headers;
      return fetch(input, { ...init, headers } as RequestInit);
    }) as unknown as RemoteGraphQLDataSource['fetcher'];

    override process(options: GraphQLDataSourceProcessOptions<BareContext>): ReturnType<RemoteGraphQLDataSource<BareContext>['process']> {
      return 'caller' in options.context ? callers.run(options.context.caller, () => super.process(options)) : super.process(options);
    }

    override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<BareContext>): Promise<void> {
      if ('requestId' in context) request.http?.headers.set('x-request-id', context.requestId);
    }
  }
  const server = new ApolloServer<BareContext>({
    gateway: new ApolloGateway({
      supergraphSdl: readFileSync(supergraphPath, 'utf8'),
      buildService: ({ url }) => new SignedSource({ url }),
    }),
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ caller: callerOfWorkload(req.headers['x-bench-workload']), requestId: randomUUID() }),
  });
  return { url, stop: () => server.stop() };
});
