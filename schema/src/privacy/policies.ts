import {
  getNamedType,
  isInputObjectType,
  isObjectType,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { FieldPolicy } from './decide';
import { SENSITIVE_DIRECTIVE } from './directive';
import { DATA_LEVELS, MASK_STRATEGIES, type DataLevel, type MaskStrategy } from './levels';

/** `Type.field` → its policy, for every field that carries (or inherits from its type) `@sensitive`. */
export type FieldPolicies = ReadonlyMap<string, FieldPolicy>;

/**
 * Reads the `@sensitive` directives of a schema built from SDL (a subgraph's or the supergraph's).
 * A directive on a type applies to each of its fields that has none of its own. `department` is the
 * owner of SECRET fields that do not name one (a subgraph reading its own schema).
 */
export function readFieldPolicies(schema: GraphQLSchema, department?: string): FieldPolicies {
  const policies = new Map<string, FieldPolicy>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typePolicy = policyFrom(type.astNode?.directives, department);
    for (const field of Object.values(type.getFields())) {
      const policy = policyFrom(field.astNode?.directives, department) ?? typePolicy;
      if (policy) policies.set(`${type.name}.${field.name}`, { ...policy, field: `${type.name}.${field.name}` });
    }
  }
  return policies;
}

/** How an argument learns about the rows it selects: by comparing a value (filter) or matching free text (search). */
export type ArgumentMeans = 'filter' | 'search';

/** An argument (or a field of an input argument) that selects rows by a protected field. */
export interface ArgumentPolicy {
  /** Where it sits in the arguments: `['filter', 'lowIncome']`, `['text']`. */
  readonly path: readonly string[];
  /** The decision it needs, row by row: the policy of the field it tests. */
  readonly policy: FieldPolicy;
  /** The fields of the rows it tests, as the access record names them (`lowIncome`; `name`, `phone`). */
  readonly tests: readonly string[];
  readonly means: ArgumentMeans;
}

/** `Type.field` → the arguments of that field that carry `@sensitive`, for every field that has any. */
export type ArgumentPolicies = ReadonlyMap<string, readonly ArgumentPolicy[]>;

/**
 * Reads `@sensitive` on arguments and on the fields of input types used as arguments (one level
 * down, which is as deep as any filter of the graph goes). An argument is a read: using it needs the
 * decision its policy gives, for each row it selects (privacy.md, Facts, not only fields).
 */
export function readArgumentPolicies(schema: GraphQLSchema, department?: string): ArgumentPolicies {
  const found = new Map<string, ArgumentPolicy[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const entries: ArgumentPolicy[] = [];
      const rows = rowTypeOf(field.type);
      for (const arg of field.args) {
        const own = argumentPolicy([arg.name], arg, department, rows);
        if (own) entries.push(own);
        const input = getNamedType(arg.type);
        if (!isInputObjectType(input)) continue;
        for (const inner of Object.values(input.getFields())) {
          const nested = argumentPolicy([arg.name, inner.name], inner, department, rows);
          if (nested) entries.push(nested);
        }
      }
      if (entries.length > 0) found.set(`${type.name}.${field.name}`, entries);
    }
  }
  return found;
}

function argumentPolicy(
  path: readonly string[],
  arg: GraphQLArgument | GraphQLInputField,
  department: string | undefined,
  rows: string,
): ArgumentPolicy | undefined {
  const node = arg.astNode?.directives?.find((directive) => directive.name.value === SENSITIVE_DIRECTIVE);
  const policy = policyFrom(arg.astNode?.directives, department);
  if (!node || !policy) return undefined;
  const named = node.arguments?.find((argument) => argument.name.value === 'field');
  const tests = named
    ? String(valueFromASTUntyped(named.value))
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
    : [path.at(-1)!];
  // The policy is the tested field's, `Type.field` of the rows selected: what a service's scopes name.
  return {
    path,
    policy: { ...policy, field: `${rows}.${tests[0]}` },
    tests,
    means: getNamedType(arg.type).name === 'String' ? 'search' : 'filter',
  };
}

/** The type of the rows a field returns: its list's items, or a connection's nodes. */
function rowTypeOf(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  const edges = isObjectType(named) ? named.getFields()['edges'] : undefined;
  const edge = edges ? getNamedType(edges.type) : undefined;
  const node = edge && isObjectType(edge) ? edge.getFields()['node'] : undefined;
  return node ? getNamedType(node.type).name : named.name;
}

function policyFrom(directives: readonly ConstDirectiveNode[] | undefined, department: string | undefined): FieldPolicy | undefined {
  const node = directives?.find((directive) => directive.name.value === SENSITIVE_DIRECTIVE);
  if (!node) return undefined;
  const args = Object.fromEntries((node.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value)]));
  const level = args['level'] as DataLevel;
  const mask = (args['mask'] ?? 'REDACT') as MaskStrategy;
  if (!DATA_LEVELS.includes(level) || !MASK_STRATEGIES.includes(mask)) {
    throw new Error(`@${SENSITIVE_DIRECTIVE} has an unknown level or mask: ${JSON.stringify(args)}`);
  }
  const owner = typeof args['owner'] === 'string' ? args['owner'] : undefined;
  const owning = typeof args['department'] === 'string' ? args['department'] : department;
  return {
    level,
    mask,
    ...(owner ? { owner } : {}),
    ...(owning ? { department: owning } : {}),
    ...(args['each'] === true ? { each: true } : {}),
  };
}
