import { codedError } from '@liangling/schema';
import type { GraphQLRequestContextDidResolveOperation, GraphQLRequestContextResponseForOperation, GraphQLResponse } from '@apollo/server';
import {
  Kind,
  execute,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { GatewayContext } from '../../context';
import { META_FIELDS, asksIntrospection } from '../introspection-plugin';

/**
 * Introspection answered from the caller's contract, however it is spelled (named or inline
 * fragments, aliases, `__type`, batches): the contract to answer from, or undefined when the
 * operation asks no introspection. Introspection mixed with data fields is refused, since the data
 * would come from the full graph.
 */
export function introspectionContract(
  requestContext: GraphQLRequestContextDidResolveOperation<GatewayContext>,
  contract: GraphQLSchema,
): GraphQLSchema | undefined {
  const { document, operation } = requestContext;
  if (!asksIntrospection(document)) return undefined;
  if (!operation || !onlyIntrospectionAtRoot(operation, document)) {
    throw codedError('GRAPHQL_VALIDATION_FAILED', 'Introspection must be an operation of its own, not mixed with data fields.');
  }
  return contract;
}

/** The answer to an introspection operation, executed against `contract` alone: no subgraph is asked. */
export async function answerIntrospection(
  requestContext: GraphQLRequestContextResponseForOperation<GatewayContext>,
  contract: GraphQLSchema,
): Promise<GraphQLResponse> {
  const result = await execute({
    schema: contract,
    document: requestContext.document,
    variableValues: requestContext.request.variables ?? {},
    operationName: requestContext.request.operationName ?? null,
  });
  return { http: requestContext.response.http, body: { kind: 'single', singleResult: result } };
}

/**
 * Whether the operation's root fields, fragments expanded, are all schema fields (`__schema`,
 * `__type`, `__typename`): such an operation can be answered from a contract alone.
 */
function onlyIntrospectionAtRoot(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const seen = new Set<string>();
  const only = (selectionSet: SelectionSetNode): boolean =>
    selectionSet.selections.every((selection) => {
      if (selection.kind === Kind.FIELD) return META_FIELDS.has(selection.name.value) || selection.name.value === '__typename';
      if (selection.kind === Kind.INLINE_FRAGMENT) return only(selection.selectionSet);
      if (seen.has(selection.name.value)) return true;
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      return fragment ? only(fragment.selectionSet) : true;
    });
  return operation.operation === 'query' && only(operation.selectionSet);
}
