import { isObjectType, valueFromASTUntyped, type ConstDirectiveNode, type GraphQLSchema } from 'graphql';
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
  return { level, mask, ...(owner ? { owner } : {}), ...(owning ? { department: owning } : {}) };
}
