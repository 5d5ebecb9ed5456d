import {
  Kind,
  Lexer,
  Source,
  TokenKind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { ErrorCode } from '@liangling/schema';

/** Bounds on the shape of an operation, each refused with its own code before the gateway plans it. */
export interface OperationLimits {
  /** Deepest nesting of fields (the root fields are depth 1; introspection fields are not counted). @default 15 */
  readonly maxDepth?: number;
  /** Aliased fields in the whole operation, fragments included. @default 30 */
  readonly maxAliases?: number;
  /** Fields at the root of the operation. @default 20 */
  readonly maxRootFields?: number;
  /** GraphQL tokens in the document, counted before it is parsed. @default 5000 */
  readonly maxTokens?: number;
  /**
   * Estimated cost: one point per object the operation may return, list sizes taken from `first` /
   * `last` arguments (on the list, or on the connection above it) or `defaultListSize`. @default 10000
   */
  readonly maxCost?: number;
  /** Assumed size of a list field without a `first` or `last` argument. @default 10 */
  readonly defaultListSize?: number;
  /** Operations in one batched HTTP request (a JSON array); 0 refuses batches. @default 10 */
  readonly maxBatchSize?: number;
}

export const DEFAULT_LIMITS: Required<OperationLimits> = {
  maxDepth: 15,
  maxAliases: 30,
  maxRootFields: 20,
  maxTokens: 5000,
  maxCost: 10_000,
  defaultListSize: 10,
  maxBatchSize: 10,
};

/** What an operation measures, against the limits. */
export interface OperationMeasure {
  readonly depth: number;
  readonly aliases: number;
  readonly rootFields: number;
  readonly cost: number;
}

export type LimitResult = { readonly ok: true } | { readonly ok: false; readonly code: ErrorCode; readonly message: string; readonly limit: number; readonly actual: number };

/** Counts tokens without building an AST, and stops one past the limit so a huge document costs little. */
export function countTokens(source: string, limit: number): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      count += 1;
      if (count > limit) break;
    }
  } catch {
    // A lexing error is the parser's to report, with its own message and location.
  }
  return count;
}

export function checkTokens(source: string, limits: OperationLimits): LimitResult {
  const max = limits.maxTokens ?? DEFAULT_LIMITS.maxTokens;
  const actual = countTokens(source, max);
  return actual > max ? refused('MAX_TOKENS_EXCEEDED', `The document has more than ${max} tokens.`, max, actual) : { ok: true };
}

/**
 * Measures an operation: depth, aliases and root fields from its selections (fragments expanded),
 * cost from the schema's list types and the `first` / `last` arguments.
 */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>>,
  defaultListSize: number,
): OperationMeasure {
  let depth = 0;
  let aliases = 0;
  const rootType = schema.getRootType(operation.operation);
  const rootFields = countRootFields(operation.selectionSet, fragments, new Set());

  const sizeOf = (args: readonly { name: { value: string }; value: ValueNode }[] | undefined): number | undefined => {
    for (const arg of args ?? []) {
      if (arg.name.value !== 'first' && arg.name.value !== 'last') continue;
      const value = arg.value.kind === Kind.INT ? Number(arg.value.value) : arg.value.kind === Kind.VARIABLE ? variables[arg.value.name.value] : undefined;
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
    }
    return undefined;
  };

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType | undefined, level: number, multiplier: number, sizeHint: number | undefined, seen: ReadonlySet<string>): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        cost += walk(selection.selectionSet, type && isCompositeType(type) ? type : parent, level, multiplier, sizeHint, seen);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        cost += walk(fragment.selectionSet, type && isCompositeType(type) ? type : parent, level, multiplier, sizeHint, new Set([...seen, name]));
        continue;
      }
      // Introspection has its own answer (the caller's contract) and a well-known shape.
      if (selection.name.value.startsWith('__')) continue;
      if (selection.alias) aliases += 1;
      depth = Math.max(depth, level);
      const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
      if (!field) continue;
      const size = sizeOf(selection.arguments);
      const list = isListType(getNullableType(field.type));
      const childMultiplier = list ? multiplier * (size ?? sizeHint ?? defaultListSize) : multiplier;
      // `first` on a connection sizes the list (edges, nodes) inside it.
      const childHint = list ? undefined : size;
      const named = getNamedType(field.type);
      if (!isCompositeType(named)) continue;
      cost += childMultiplier;
      if (selection.selectionSet) cost += walk(selection.selectionSet, named, level + 1, childMultiplier, childHint, seen);
    }
    return cost;
  };

  const cost = walk(operation.selectionSet, rootType ?? undefined, 1, 1, undefined, new Set());
  return { depth, aliases, rootFields, cost };
}

function countRootFields(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, seen: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value.startsWith('__') ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countRootFields(selection.selectionSet, fragments, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) count += countRootFields(fragment.selectionSet, fragments, seen);
    }
  }
  return count;
}

/** The first limit the measure breaks, in the order a client would fix them. */
export function checkMeasure(measure: OperationMeasure, limits: OperationLimits): LimitResult {
  const l = { ...DEFAULT_LIMITS, ...definedOnly(limits) };
  if (measure.depth > l.maxDepth) return refused('MAX_DEPTH_EXCEEDED', `The operation is ${measure.depth} fields deep; the limit is ${l.maxDepth}.`, l.maxDepth, measure.depth);
  if (measure.aliases > l.maxAliases) return refused('MAX_ALIASES_EXCEEDED', `The operation uses ${measure.aliases} aliases; the limit is ${l.maxAliases}.`, l.maxAliases, measure.aliases);
  if (measure.rootFields > l.maxRootFields)
    return refused('MAX_ROOT_FIELDS_EXCEEDED', `The operation asks for ${measure.rootFields} root fields; the limit is ${l.maxRootFields}.`, l.maxRootFields, measure.rootFields);
  if (measure.cost > l.maxCost)
    return refused('COST_LIMIT_EXCEEDED', `The operation’s estimated cost is ${measure.cost}; the limit is ${l.maxCost}. Ask for smaller pages (first).`, l.maxCost, measure.cost);
  return { ok: true };
}

function refused(code: ErrorCode, message: string, limit: number, actual: number): LimitResult {
  return { ok: false, code, message, limit, actual };
}

/** Drops keys set to undefined, so they do not hide the defaults in a spread. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
