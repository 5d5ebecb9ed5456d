import { codedError } from '@liangling/schema';
import type { GraphQLRequestContextDidResolveOperation, GraphQLRequestContextResponseForOperation, GraphQLResponse } from '@apollo/server';
import { execute, type GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../../context';
import { asksIntrospection, onlyIntrospectionAtRoot } from '../introspection-plugin';

/**
 * Introspection answered from the caller's contract, however it is spelled (named or inline
 * fragments, aliases, `__type`, batches): the contract to answer from, or undefined when the
 * operation asks no introspection. Introspection mixed with data fields is refused, since the data
 * would come from the full graph.
 */
export function introspectionContract(requestContext: GraphQLRequestContextDidResolveOperation<GatewayContext>, contract: GraphQLSchema): GraphQLSchema | undefined {
  const { document, operation } = requestContext;
  if (!asksIntrospection(document)) return undefined;
  if (!operation || !onlyIntrospectionAtRoot(operation, document)) {
    throw codedError('GRAPHQL_VALIDATION_FAILED', 'Introspection must be an operation of its own, not mixed with data fields.');
  }
  return contract;
}

/** The answer to an introspection operation, executed against `contract` alone: no subgraph is asked. */
export async function answerIntrospection(requestContext: GraphQLRequestContextResponseForOperation<GatewayContext>, contract: GraphQLSchema): Promise<GraphQLResponse> {
  const result = await execute({
    schema: contract,
    document: requestContext.document,
    variableValues: requestContext.request.variables ?? {},
    operationName: requestContext.request.operationName ?? null,
  });
  return { http: requestContext.response.http, body: { kind: 'single', singleResult: result } };
}
