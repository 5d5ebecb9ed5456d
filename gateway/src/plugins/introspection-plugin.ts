import type { ApolloServerPlugin } from '@apollo/server';
import { codedError } from '@liangling/schema';
import { BREAK, Kind, visit, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
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
        async didResolveOperation({ document, contextValue }) {
          if (options.allowAnonymous || contextValue.caller.role !== 'anonymous') return;
          if (asksIntrospection(document)) throw codedError('INTROSPECTION_DISABLED', 'Introspection is not available without credentials.');
        },
      };
    },
  };
}

const META_FIELDS = new Set(['__schema', '__type']);

/**
 * Whether a document reaches `__schema` or `__type` anywhere: at the root, under an alias, through
 * named or inline fragments at any depth. The whole document is searched, not the operation's root
 * selections, so no way of spelling the request hides it.
 */
export function asksIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (!META_FIELDS.has(node.name.value)) return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/**
 * Whether the operation's root fields, fragments expanded, are all schema fields (`__schema`,
 * `__type`, `__typename`): such an operation can be answered from a contract alone.
 */
export function onlyIntrospectionAtRoot(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
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
