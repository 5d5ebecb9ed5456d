import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { codedError, decide, maskValue, readFieldPolicies, type RowScope } from '@liangling/schema';
import { defaultFieldResolver, isNonNullType, type GraphQLSchema } from 'graphql';
import type { DepartmentContext } from '../context';

export interface PrivacyOptions {
  /** The department that owns the data, for SECRET fields. */
  readonly department: string;
  /** Row scope per type; a type with `@sensitive` fields and no scope fails the build (fail closed). */
  readonly scopes: Readonly<Record<string, (row: any) => RowScope>>;
}

/**
 * Wraps every field that carries `@sensitive` so that its value leaves the department only as
 * `decide()` allows: revealed, masked, or null with a FORBIDDEN_FIELD error at its path. The decision
 * comes first, so a denied value is never even read.
 */
export function applyPrivacy(schema: GraphQLSchema, options: PrivacyOptions): GraphQLSchema {
  const policies = readFieldPolicies(schema, options.department);
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const policy = policies.get(`${typeName}.${fieldName}`);
      if (!policy || policy.level === 'PUBLIC') return field;
      const scopeOf = options.scopes[typeName];
      if (!scopeOf) throw new Error(`${typeName}.${fieldName} is @sensitive but ${options.department} declares no row scope for ${typeName}`);
      if (isNonNullType(field.type)) throw new Error(`${typeName}.${fieldName} is @sensitive, so it must be nullable: a denied value is null`);
      const resolve = field.resolve ?? defaultFieldResolver;
      return {
        ...field,
        resolve: (source, args, context: DepartmentContext, info) => {
          const decision = decide(context.caller, policy, scopeOf(source));
          if (decision === 'DENY') {
            throw codedError('FORBIDDEN_FIELD', `You may not see ${typeName}.${fieldName} here.`, { field: `${typeName}.${fieldName}` });
          }
          const value = resolve(source, args, context, info);
          if (decision === 'REVEAL') return value;
          return isPromise(value) ? value.then((resolved) => maskValue(policy.mask, resolved)) : maskValue(policy.mask, value);
        },
      };
    },
  });
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | null)?.then === 'function';
}
