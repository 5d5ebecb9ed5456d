import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import {
  audienceOf,
  bestCase,
  buildContract,
  codedError,
  policiesOfSupergraph,
  type Audience,
  type Caller,
  type FieldPolicies,
} from '@liangling/schema';
import { createHash } from 'node:crypto';
import {
  Kind,
  TypeInfo,
  execute,
  isAbstractType,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import type { GatewayContext } from '../context';
import { asksIntrospection, onlyIntrospectionAtRoot } from './introspection-plugin';

export interface PrivacyPluginOptions {
  /**
   * How many (document, audience) validations to remember, so a repeated operation is checked once.
   * @default 1000
   */
  readonly cacheSize?: number;
}

interface Denied {
  /**
   * `Type.responseKey` the caller may never see → the field's schema coordinate (`Type.field`); the
   * rewritten document asks `__typename` there. Errors and metrics name the coordinate, never the alias.
   */
  readonly keys: ReadonlyMap<string, string>;
}

/**
 * Privacy at the gateway, before any subgraph is called:
 * - **contracts**: each caller validates and introspects against their audience's schema (public,
 *   partner, government with their own department's SECRET fields, full), so a field they may never
 *   know exists fails as an unknown field;
 * - **pre-check**: a field the caller can see in no row at all is not fetched: it comes back null with
 *   FORBIDDEN_FIELD at its path, and the rest of the response is unaffected.
 * Row-level decisions stay with the subgraphs, at the source.
 */
export function privacyPlugin(options: PrivacyPluginOptions = {}): ApolloServerPlugin<GatewayContext> {
  let apiSchema: GraphQLSchema | undefined;
  let policies: FieldPolicies = new Map();
  const contracts = new Map<string, GraphQLSchema>();
  const validated = new BoundedCache<readonly GraphQLError[]>(options.cacheSize ?? 1000);
  // The pre-check's rewrite depends only on the document and on the caller (bestCase is pure), so a
  // caller repeating an operation reuses it: one visit of the document per (operation, caller).
  const rewrites = new BoundedCache<Rewrite>(options.cacheSize ?? 1000);

  const contractFor = (audience: Audience, department: string | undefined): GraphQLSchema => {
    if (!apiSchema) throw new Error('privacyPlugin: no schema loaded yet');
    if (audience === 'full') return apiSchema;
    const key = `${audience}:${department ?? ''}`;
    let contract = contracts.get(key);
    if (!contract) {
      contract = buildContract(apiSchema, policies, audience, department);
      contracts.set(key, contract);
    }
    return contract;
  };

  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ apiSchema: schema, coreSupergraphSdl }) {
          apiSchema = schema;
          policies = coreSupergraphSdl ? policiesOfSupergraph(coreSupergraphSdl) : new Map();
          contracts.clear();
          validated.clear();
          rewrites.clear();
        },
      };
    },

    async requestDidStart() {
      let denied: Denied | undefined;
      let introspection: { schema: GraphQLSchema } | undefined;
      return {
        async didResolveOperation(requestContext) {
          const { caller } = requestContext.contextValue;
          const audience = audienceOf(caller);
          const department = caller.role === 'department_officer' ? caller.department : undefined;
          const contract = contractFor(audience, department);
          const document = requestContext.document;
          const cacheKey = `${requestContext.queryHash}:${audience}:${department ?? ''}`;
          let errors = validated.get(cacheKey);
          if (!errors) {
            errors = contract === apiSchema ? [] : validate(contract, document);
            validated.set(cacheKey, errors);
          }
          if (errors.length > 0) {
            throw codedError('GRAPHQL_VALIDATION_FAILED', errors.map((error) => error.message).join(' '));
          }
          // However it is spelled (fragments, aliases, batches), introspection is answered from the contract.
          if (asksIntrospection(document)) {
            if (!requestContext.operation || !onlyIntrospectionAtRoot(requestContext.operation, document)) {
              throw codedError('GRAPHQL_VALIDATION_FAILED', 'Introspection must be an operation of its own, not mixed with data fields.');
            }
            introspection = { schema: contract };
            return;
          }
          const rewriteKey = `${requestContext.queryHash}\n${callerKeyOf(caller)}`;
          let rewrite = rewrites.get(rewriteKey);
          if (!rewrite) {
            const rewritten = denyNeverVisible(document, apiSchema!, policies, caller);
            rewrite = rewritten ? { ...rewritten, queryHash: variantHash(requestContext.queryHash, rewritten.keys) } : NOTHING_DENIED;
            rewrites.set(rewriteKey, rewrite);
          }
          if (rewrite !== NOTHING_DENIED) {
            denied = { keys: rewrite.keys };
            setDocument(requestContext, rewrite.document, rewrite.queryHash);
          }
        },

        async responseForOperation(requestContext) {
          if (!introspection) return null;
          const result = await execute({
            schema: introspection.schema,
            document: requestContext.document,
            variableValues: requestContext.request.variables ?? {},
            operationName: requestContext.request.operationName ?? null,
          });
          return { http: requestContext.response.http, body: { kind: 'single', singleResult: result } };
        },

        async willSendResponse(requestContext) {
          const body = requestContext.response.body;
          if (!denied || body.kind !== 'single' || !body.singleResult.data) return;
          const errors = nullDenied(body.singleResult.data, denied.keys);
          if (errors.length > 0) body.singleResult.errors = [...(body.singleResult.errors ?? []), ...errors];
        },
      };
    },
  };
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

/** A remembered pre-check: the rewritten document and its hash, or {@link NOTHING_DENIED}. */
type Rewrite = { readonly document: DocumentNode; readonly keys: ReadonlyMap<string, string>; readonly queryHash: string } | typeof NOTHING_DENIED;
const NOTHING_DENIED = Symbol('nothing denied');

/** Everything about a caller that `bestCase` may read, as a cache key. */
function callerKeyOf(caller: Caller): string {
  return JSON.stringify([caller.role, caller.sub ?? null, caller.regions, caller.home ?? null, caller.department ?? null, caller.organisation ?? null, caller.purpose ?? null, caller.clientApp ?? null, caller.scopes ?? null]);
}

/** The rewritten document's own hash: the original's with the denied keys, so plans are cached per variant. */
function variantHash(queryHash: string, keys: ReadonlyMap<string, string>): string {
  return createHash('sha256').update(queryHash).update([...keys.keys()].sort().join(',')).digest('hex');
}

/** The executor plans from the document and caches plans by query hash: give both the rewritten form. */
function setDocument(requestContext: GraphQLRequestContextDidResolveOperation<GatewayContext>, document: DocumentNode, queryHash: string): void {
  const mutable = requestContext as unknown as { document: DocumentNode; queryHash: string };
  mutable.document = document;
  mutable.queryHash = queryHash;
}

/**
 * Finds the values the rewritten fields produced (the parent's type name under a denied key), sets
 * them to null and returns a FORBIDDEN_FIELD error for each path.
 */
function nullDenied(data: Record<string, unknown>, keys: ReadonlyMap<string, string>): GraphQLError[] {
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

/** A small insertion-ordered cache that forgets its oldest entry when full. */
class BoundedCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly size: number) {}

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: T): void {
    if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
  }

  clear(): void {
    this.entries.clear();
  }
}
