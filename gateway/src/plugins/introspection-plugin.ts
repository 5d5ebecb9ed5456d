import type { ApolloServerPlugin } from '@apollo/server';
import { codedError } from '@liangling/schema';
import { BREAK, visit, type DocumentNode } from 'graphql';
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
          if (asksIntrospection(document))
            throw codedError('INTROSPECTION_DISABLED', 'Introspection is not available without credentials.');
        },
      };
    },
  };
}

/** The fields that introspect the schema (`__typename` only names a type). */
export const META_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);

/**
 * Whether a document reaches `__schema` or `__type` anywhere: at the root, under an alias, through
 * named or inline fragments at any depth. The whole document is searched, not the operation's root
 * selections, so no way of spelling the request hides it.
 */
export function asksIntrospection(document: DocumentNode): boolean {
  // Apollo Server parses a document once and hands every request of it the same tree: searched once.
  let found = searched.get(document);
  if (found !== undefined) return found;
  found = false;
  visit(document, {
    Field(node) {
      if (!META_FIELDS.has(node.name.value)) return undefined;
      found = true;
      return BREAK;
    },
  });
  searched.set(document, found);
  return found;
}

const searched = new WeakMap<DocumentNode, boolean>();
