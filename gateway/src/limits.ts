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
  parse,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
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
  /** Assumed size of a list field with neither a declared `@listSize` nor a `first`/`last` argument. @default 10 */
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
  /** Composite lists the estimate had no size for, which counted `defaultListSize`. */
  readonly undeclaredLists: readonly string[];
}

export type LimitResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: ErrorCode; readonly message: string; readonly limit: number; readonly actual: number };

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
 * A list field's declared size (`@listSize` of https://specs.apollo.dev/cost/v0.1, as composition
 * keeps it in the supergraph), by schema coordinate.
 */
export interface ListSizeDeclaration {
  readonly assumedSize?: number;
  readonly slicingArguments?: readonly string[];
  readonly sizedFields?: readonly string[];
}

export type ListSizes = ReadonlyMap<string, ListSizeDeclaration>;

/** Reads every `@listSize` of a supergraph (or any SDL), by `Type.field`. */
export function listSizesOf(sdl: string): ListSizes {
  const sizes = new Map<string, ListSizeDeclaration>();
  for (const definition of parse(sdl, { noLocation: true }).definitions) {
    if (!('fields' in definition) || !definition.fields || !('name' in definition) || !definition.name) continue;
    for (const field of definition.fields) {
      if (field.kind !== Kind.FIELD_DEFINITION) continue;
      const directive = field.directives?.find((d) => d.name.value === 'listSize');
      if (!directive) continue;
      const args = Object.fromEntries((directive.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value)]));
      sizes.set(`${definition.name.value}.${field.name.value}`, args as ListSizeDeclaration);
    }
  }
  return sizes;
}

/** What the cost estimate needs besides the operation. */
export interface CostInputs {
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly variables: Readonly<Record<string, unknown>>;
  /** Declared list sizes; a composite list without one counts `defaultListSize` and is reported. */
  readonly listSizes?: ListSizes;
  readonly defaultListSize: number;
}

const IMPLICIT_SLICING = ['first', 'last'];

/**
 * Measures an operation: depth, aliases and root fields from its selections (fragments expanded);
 * cost as the objects it may return, each list sized by (in order) its slicing argument's value
 * (literal, variable, the variable's default, or the argument's default in the schema), the size a
 * connection above it was sliced to, its declared `assumedSize`, or else `defaultListSize` (such
 * lists are named in `undeclaredLists`).
 */
export function measureOperation(schema: GraphQLSchema, operation: OperationDefinitionNode, inputs: CostInputs): OperationMeasure {
  const { fragments, variables, listSizes, defaultListSize } = inputs;
  let depth = 0;
  let aliases = 0;
  const undeclared = new Set<string>();
  const rootType = schema.getRootType(operation.operation);
  const rootFields = countRootFields(operation.selectionSet, fragments, new Set());
  const variableDefaults = new Map(
    operation.variableDefinitions?.map((definition) => [definition.variable.name.value, definition.defaultValue]) ?? [],
  );

  const numberOf = (value: ValueNode | undefined): number | undefined => {
    if (!value) return undefined;
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind !== Kind.VARIABLE) return undefined;
    const name = value.name.value;
    const given = variables[name];
    if (given !== undefined && given !== null) return typeof given === 'number' ? given : undefined;
    return numberOf(variableDefaults.get(name) ?? undefined);
  };

  const sliceOf = (field: GraphQLField<unknown, unknown>, node: FieldNode, slicing: readonly string[]): number | undefined => {
    for (const name of slicing) {
      const given = node.arguments?.find((arg) => arg.name.value === name);
      // A variable left out (with no default of its own) leaves the argument to its schema default.
      const value = (given ? numberOf(given.value) : undefined) ?? field.args.find((arg) => arg.name === name)?.defaultValue;
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
    }
    return undefined;
  };

  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType | undefined,
    level: number,
    multiplier: number,
    sized: { readonly size: number; readonly fields?: readonly string[] } | undefined,
    seen: ReadonlySet<string>,
  ): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        cost += walk(selection.selectionSet, type && isCompositeType(type) ? type : parent, level, multiplier, sized, seen);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        cost += walk(
          fragment.selectionSet,
          type && isCompositeType(type) ? type : parent,
          level,
          multiplier,
          sized,
          new Set([...seen, name]),
        );
        continue;
      }
      // Introspection has its own answer (the caller's contract) and a well-known shape.
      if (selection.name.value.startsWith('__')) continue;
      if (selection.alias) aliases += 1;
      depth = Math.max(depth, level);
      const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
      if (!field || !parent) continue;
      const named = getNamedType(field.type);
      if (!isCompositeType(named)) continue;
      const coordinate = `${parent.name}.${field.name}`;
      const declared = listSizes?.get(coordinate);
      const slice = sliceOf(field, selection, declared?.slicingArguments ?? IMPLICIT_SLICING);
      let childMultiplier = multiplier;
      let childSized: { size: number; fields?: readonly string[] } | undefined;
      if (isListType(getNullableType(field.type))) {
        // A connection's `first` sizes the lists inside it (all of them, or the declared sizedFields).
        const fromParent = sized && (!sized.fields || sized.fields.includes(field.name)) ? sized.size : undefined;
        let size = slice ?? fromParent ?? declared?.assumedSize;
        if (size === undefined) {
          undeclared.add(coordinate);
          size = defaultListSize;
        }
        childMultiplier = multiplier * size;
      } else if (slice !== undefined) {
        childSized = { size: slice, ...(declared?.sizedFields ? { fields: declared.sizedFields } : {}) };
      }
      cost += childMultiplier;
      if (selection.selectionSet) cost += walk(selection.selectionSet, named, level + 1, childMultiplier, childSized, seen);
    }
    return cost;
  };

  const cost = walk(operation.selectionSet, rootType ?? undefined, 1, 1, undefined, new Set());
  return { depth, aliases, rootFields, cost, undeclaredLists: [...undeclared] };
}

function countRootFields(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  seen: Set<string>,
): number {
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
  if (measure.depth > l.maxDepth)
    return refused(
      'MAX_DEPTH_EXCEEDED',
      `The operation is ${measure.depth} fields deep; the limit is ${l.maxDepth}.`,
      l.maxDepth,
      measure.depth,
    );
  if (measure.aliases > l.maxAliases)
    return refused(
      'MAX_ALIASES_EXCEEDED',
      `The operation uses ${measure.aliases} aliases; the limit is ${l.maxAliases}.`,
      l.maxAliases,
      measure.aliases,
    );
  if (measure.rootFields > l.maxRootFields)
    return refused(
      'MAX_ROOT_FIELDS_EXCEEDED',
      `The operation asks for ${measure.rootFields} root fields; the limit is ${l.maxRootFields}.`,
      l.maxRootFields,
      measure.rootFields,
    );
  if (measure.cost > l.maxCost)
    return refused(
      'COST_LIMIT_EXCEEDED',
      `The operation’s estimated cost is ${measure.cost}; the limit is ${l.maxCost}. Ask for smaller pages (first).`,
      l.maxCost,
      measure.cost,
    );
  return { ok: true };
}

function refused(code: ErrorCode, message: string, limit: number, actual: number): LimitResult {
  return { ok: false, code, message, limit, actual };
}

/** Drops keys set to undefined, so they do not hide the defaults in a spread. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
