import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { codedError, decide, maskValue, readFieldPolicies, type DataLevel, type RowScope } from '@liangling/schema';
import { defaultFieldResolver, isNonNullType, type GraphQLSchema } from 'graphql';
import type { Path } from 'graphql/jsutils/Path';
import type { DepartmentContext } from '../context';
import { purposeNeedsGrant, withGrant, type GrantSource } from './grants';

export interface PrivacyOptions {
  /** The department that owns the data, for SECRET fields. */
  readonly department: string;
  /**
   * Row scope per type; a type with `@sensitive` fields and no scope fails the build (fail closed). The
   * field being resolved is passed too, for a row whose fields have different audiences (a partner may
   * see a request's contact phone but not its description).
   */
  readonly scopes: Readonly<Record<string, (row: any, field: string) => RowScope>>;
  /** Where a SENSITIVE value under a purpose finds its grant (grants.ts); without one, no purpose grants. */
  readonly grants?: GrantSource<any>;
}

/**
 * Wraps every field that carries `@sensitive` so that its value leaves the department only as
 * `decide()` allows: revealed, masked, or null with a FORBIDDEN_FIELD error at its path. The decision
 * comes first, so a denied value is never even read; a reveal of PERSONAL data or above is logged for
 * the access record the audit plugin writes before the response leaves.
 */
export function applyPrivacy(schema: GraphQLSchema, options: PrivacyOptions): GraphQLSchema {
  const policies = readFieldPolicies(schema, options.department);
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const policy = policies.get(`${typeName}.${fieldName}`);
      if (!policy || policy.level === 'PUBLIC') return field;
      // A root field is about no row: its policy says who may call it at all.
      const scopeOf = ROOT_TYPES.has(typeName) ? rootScope : options.scopes[typeName];
      if (!scopeOf) throw new Error(`${typeName}.${fieldName} is @sensitive but ${options.department} declares no row scope for ${typeName}`);
      if (isNonNullType(field.type)) throw new Error(`${typeName}.${fieldName} is @sensitive, so it must be nullable: a denied value is null`);
      const resolve = field.resolve ?? defaultFieldResolver;
      return {
        ...field,
        resolve: (source, args, context: DepartmentContext, info) => {
          const scope = scopeOf(source, fieldName);
          const finish = (rowScope: RowScope, grantRecords: readonly { typeName: string; id: string }[] = []) => {
            const decision = decide(context.caller, policy, rowScope);
            if (decision === 'DENY') {
              throw codedError('FORBIDDEN_FIELD', `You may not see ${typeName}.${fieldName} here.`, { field: `${typeName}.${fieldName}` });
            }
            const value = resolve(source, args, context, info);
            if (decision === 'REVEAL') {
              if (AUDITED.has(policy.level)) {
                context.reveals.add({
                  typeName,
                  field: fieldName,
                  entityId: String((source as { id?: unknown } | null)?.id ?? ''),
                  subjectIds: rowScope.subjectIds,
                  path: pathOf(info.path),
                  mask: policy.mask,
                });
                // The record of work the reveal rests on goes into the same access record's batch, under
                // the subject: their access log names the visit, case or break-glass as the reason.
                for (const record of grantRecords) {
                  context.reveals.add({ typeName: record.typeName, field: `grant:${context.caller.purpose}`, entityId: record.id, subjectIds: rowScope.subjectIds, path: [], mask: 'NULL' });
                }
              }
              return value;
            }
            return isPromise(value) ? value.then((resolved) => maskValue(policy.mask, resolved)) : maskValue(policy.mask, value);
          };
          if (policy.level === 'SENSITIVE' && options.grants && purposeNeedsGrant(context.caller)) {
            return withGrant(options.grants, context, typeName, source, scope).then((granted) => finish(granted.scope, granted.records));
          }
          return finish(scope);
        },
      };
    },
  });
}

/** Every reveal at these levels is recorded (privacy.md, Audit). */
const AUDITED: ReadonlySet<DataLevel> = new Set(['PERSONAL', 'SENSITIVE', 'SECRET']);

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const rootScope = (): RowScope => ({ subjectIds: [] });

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | null)?.then === 'function';
}

function pathOf(path: Path): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let node: Path | undefined = path; node; node = node.prev) keys.unshift(node.key);
  return keys;
}
