import type { ApolloServerPlugin } from '@apollo/server';
import { codedError } from '@liangling/schema';
import { Kind, type SelectionSetNode } from 'graphql';
import type { GatewayContext } from '../context';

export interface IntrospectionPluginOptions {
  /** Whether anonymous callers may introspect (their public contract). @default true in development, false in production */
  readonly allowAnonymous: boolean;
}

/**
 * Keeps anonymous callers from introspecting the schema in production, where the public contract is
 * documented elsewhere and introspection only helps someone map the graph. Signed-in callers still
 * introspect their own contract (the privacy plugin answers from it).
 */
export function introspectionPlugin(options: IntrospectionPluginOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (options.allowAnonymous || contextValue.caller.role !== 'anonymous' || !operation) return;
          if (asksSchema(operation.selectionSet)) throw codedError('INTROSPECTION_DISABLED', 'Introspection is not available without credentials.');
        },
      };
    },
  };
}

function asksSchema(selectionSet: SelectionSetNode): boolean {
  return selectionSet.selections.some((selection) =>
    selection.kind === Kind.FIELD ? selection.name.value === '__schema' || selection.name.value === '__type' : selection.kind === Kind.INLINE_FRAGMENT && asksSchema(selection.selectionSet),
  );
}
