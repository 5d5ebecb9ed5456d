// A bare @apollo/gateway: ApolloServer + ApolloGateway with their defaults. Its data sources still
// sign the caller context (once per request, as ours does), or the subgraphs would refuse them, and
// send a request id (subgraphs record it with every reveal); the caller is the workload's, named by
// the `x-bench-workload` header (no auth).
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
  signed?: Promise<string>;
}

serveInChild(async () => {
  // Its one departure from the defaults: @apollo/gateway would otherwise report usage to Apollo and probe
  // cloud metadata addresses, traffic that must not leave this machine.
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
  const { dataDir, supergraphPath } = benchEnv();
  const { callerKey } = loadKeys(dataDir);
  class SignedSource extends RemoteGraphQLDataSource<BareContext> {
    override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<BareContext>): Promise<void> {
      if (!('caller' in context)) return;
      context.signed ??= signCallerContext(context.caller, callerKey);
      request.http?.headers.set(CALLER_CONTEXT_HEADER, await context.signed);
      request.http?.headers.set('x-request-id', context.requestId);
    }
  }
  const server = new ApolloServer<BareContext>({
    gateway: new ApolloGateway({ supergraphSdl: readFileSync(supergraphPath, 'utf8'), buildService: ({ url }) => new SignedSource({ url }) }),
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ caller: callerOfWorkload(req.headers['x-bench-workload']), requestId: randomUUID() }),
  });
  return { url, stop: () => server.stop() };
});
