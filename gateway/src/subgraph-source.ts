import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CALLER_CONTEXT_HEADER, signCallerContext } from '@liangling/schema';
import type { GatewayContext } from './context';

/**
 * A subgraph fetch that carries the caller, as the gateway verified it, in a short-lived signed
 * header. Subgraphs trust nothing else, so a forged or replayed request gets nothing.
 */
export class SignedSubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, private readonly callerKey: Uint8Array) {
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!('caller' in context) || !context.caller) return;
    context.callerContext ??= signCallerContext(context.caller, this.callerKey);
    request.http?.headers.set(CALLER_CONTEXT_HEADER, await context.callerContext);
    request.http?.headers.set('x-request-id', context.requestId);
  }
}
