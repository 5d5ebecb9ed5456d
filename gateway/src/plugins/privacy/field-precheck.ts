import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { bestCase, codedError, type Caller, type FieldPolicies } from '@liangling/schema';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import {
  Kind,
  TypeInfo,
  isAbstractType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import type { GatewayContext } from '../../context';

export interface FieldPrecheckOptions {
  /** How many (document, caller) rewrites to remember. @default 1000 */
  readonly cacheSize?: number;
}

/**
 * `Type.responseKey` the caller may never see → the field's schema coordinate (`Type.field`); the
 * rewritten document asks `__typename` there. Errors and metrics name the coordinate, never the alias.
 */
export type DeniedKeys = ReadonlyMap<string, string>;

/** A remembered pre-check: the rewritten document and its hash, or {@link NOTHING_DENIED}. */
type Rewrite = { readonly document: DocumentNode; readonly keys: DeniedKeys; readonly queryHash: string } | typeof NOTHING_DENIED;
const NOTHING_DENIED = Symbol('nothing denied');

/**
 * The field pre-check: a field the caller can see in no row at all is not fetched. The document is
 * rewritten to ask `__typename` in its place (and planned under its own hash), and after execution
 * the value there is set to null with FORBIDDEN_FIELD at its path; the rest of the response is
 * unaffected. The rewrite depends only on the document and on the caller (`bestCase` is pure), so a
 * caller repeating an operation reuses it: one visit of the document per (operation, caller).
 */
export class FieldPrecheck {
  private readonly rewrites: LRUCache<string, Rewrite>;

  constructor(options: FieldPrecheckOptions = {}) {
    this.rewrites = new LRUCache({ max: options.cacheSize ?? 1000 });
  }

  /** Forgets every rewrite: the schema or its policies changed. */
  clear(): void {
    this.rewrites.clear();
  }

  /**
   * Rewrites the request's document for its caller when a field is denied in every row, and returns
   * the denied keys for {@link nullDenied}; undefined when nothing is denied.
   */
  apply(
    requestContext: GraphQLRequestContextDidResolveOperation<GatewayContext>,
    schema: GraphQLSchema,
    policies: FieldPolicies,
  ): DeniedKeys | undefined {
    const { caller } = requestContext.contextValue;
    const key = `${requestContext.queryHash}\n${callerKeyOf(caller)}`;
    let rewrite = this.rewrites.get(key);
    if (!rewrite) {
      const rewritten = denyNeverVisible(requestContext.document, schema, policies, caller);
      rewrite = rewritten ? { ...rewritten, queryHash: variantHash(requestContext.queryHash, rewritten.keys) } : NOTHING_DENIED;
      this.rewrites.set(key, rewrite);
    }
    if (rewrite === NOTHING_DENIED) return undefined;
    setDocument(requestContext, rewrite.document, rewrite.queryHash);
    return rewrite.keys;
  }
}

/**
 * Replaces every field the caller may see in no row with `responseKey: __typename`, so the plan
 * fetches nothing for it. Returns null when nothing is denied.
 */
function denyNeverVisible(
  document: DocumentNode,
  schema: GraphQLSchema,
  policies: FieldPolicies,
  caller: Caller,
): { document: DocumentNode; keys: Map<string, string> } | null {
  const keys = new Map<string, string>();
  const typeInfo = new TypeInfo(schema);
  const rewritten = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node: FieldNode): FieldNode | undefined {
        const parent = typeInfo.getParentType();
        const policy = parent ? policies.get(`${parent.name}.${node.name.value}`) : undefined;
        if (!parent || !policy || bestCase(caller, policy) !== 'DENY') return undefined;
        const responseKey = node.alias?.value ?? node.name.value;
        // `__typename` answers with the concrete type, so an abstract parent stands for each of its types.
        const concrete = isAbstractType(parent) ? schema.getPossibleTypes(parent) : [parent];
        for (const type of concrete) keys.set(`${type.name}.${responseKey}`, `${type.name}.${node.name.value}`);
        return {
          kind: Kind.FIELD,
          alias: { kind: Kind.NAME, value: responseKey },
          name: { kind: Kind.NAME, value: '__typename' },
        };
      },
    }),
  );
  return keys.size > 0 ? { document: rewritten, keys } : null;
}

/** Everything about a caller that `bestCase` may read, as a cache key. */
function callerKeyOf(caller: Caller): string {
  return JSON.stringify([
    caller.role,
    caller.sub ?? null,
    caller.regions,
    caller.home ?? null,
    caller.department ?? null,
    caller.organisation ?? null,
    caller.purpose ?? null,
    caller.clientApp ?? null,
    caller.scopes ?? null,
  ]);
}

/** The rewritten document's own hash: the original's with the denied keys, so plans are cached per variant. */
function variantHash(queryHash: string, keys: DeniedKeys): string {
  return createHash('sha256')
    .update(queryHash)
    .update([...keys.keys()].sort().join(','))
    .digest('hex');
}

/** The executor plans from the document and caches plans by query hash: give both the rewritten form. */
function setDocument(
  requestContext: GraphQLRequestContextDidResolveOperation<GatewayContext>,
  document: DocumentNode,
  queryHash: string,
): void {
  const mutable = requestContext as unknown as { document: DocumentNode; queryHash: string };
  mutable.document = document;
  mutable.queryHash = queryHash;
}

/**
 * Finds the values the rewritten fields produced (the parent's type name under a denied key), sets
 * them to null and returns a FORBIDDEN_FIELD error for each path.
 */
export function nullDenied(data: Record<string, unknown>, keys: DeniedKeys): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index]));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const object = value as Record<string, unknown>;
    for (const [key, child] of Object.entries(object)) {
      const field = typeof child === 'string' ? keys.get(`${child}.${key}`) : undefined;
      if (field !== undefined) {
        object[key] = null;
        errors.push(codedError('FORBIDDEN_FIELD', `You may not see ${field}.`, { field }, [...path, key]));
        continue;
      }
      walk(child, [...path, key]);
    }
  };
  walk(data, []);
  return errors;
}
