import { MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  bestCase,
  codedError,
  decide,
  maskValue,
  readArgumentPolicies,
  readFieldPolicies,
  type DataLevel,
  type Decision,
  type RowScope,
} from '@liangling/schema';
import { defaultFieldResolver, getNamedType, isNonNullType, isObjectType, type GraphQLOutputType, type GraphQLSchema } from 'graphql';
import type { Path } from 'graphql/jsutils/Path';
import type { RevealMeans } from '../audit/record';
import type { DepartmentContext } from '../context';
import { purposeNeedsGrant, withGrant, type GrantRecord, type GrantSource } from './grants';
import { RowPrivacy, type ScopeOf } from './row-privacy';

/** A department's scope for one type's rows (`row` is its row type: any function of a row is one). */
export type RowScopeOf<Row = never> = (row: Row, field: string) => RowScope;

export interface PrivacyOptions {
  /** The department that owns the data, for SECRET fields. */
  readonly department: string;
  /**
   * Row scope per type; a type with `@sensitive` fields and no scope fails the build (fail closed). The
   * field being resolved is passed too, for a row whose fields have different audiences (a partner may
   * see a request's contact phone but not its description).
   */
  readonly scopes: Readonly<Record<string, RowScopeOf>>;
  /** Where a SENSITIVE value under a purpose finds its grant (grants.ts); without one, no purpose grants. */
  readonly grants?: GrantSource;
}

/**
 * Wraps every field that carries `@sensitive` (on itself or on its arguments) so that what leaves the
 * department is only what `decide()` allows:
 * - a field's value: revealed, masked, or null with a FORBIDDEN_FIELD error at its path, decided before
 *   the value is even read;
 * - a list of records marked `each` (a resident's requests): item by item, with each item's own scope;
 *   the items the caller may not see are left out, as if they did not exist;
 * - an argument that tests a protected field (a filter on a care flag, a search by name or phone): a
 *   caller who could read that field on no row gets FORBIDDEN_ARGUMENT before the resolver reads
 *   anything; of the rows it selects, only those whose tested field the caller may read are returned.
 * Every reveal of PERSONAL data or above, by reading, linking, filtering or searching, is logged for the
 * access record the audit plugin writes before the response leaves.
 */
export function applyPrivacy(schema: GraphQLSchema, options: PrivacyOptions): GraphQLSchema {
  const policies = readFieldPolicies(schema, options.department);
  const argumentPolicies = readArgumentPolicies(schema, options.department);
  // One per type, shared by its fields: a row's scope and decisions are worked out once for all of them.
  const rowPrivacy = new Map<string, RowPrivacy>();
  const privacyOf = (typeName: string): RowPrivacy | undefined => {
    const scopeOf = options.scopes[typeName] as ScopeOf | undefined;
    if (!scopeOf) return undefined;
    let privacy = rowPrivacy.get(typeName);
    if (!privacy) rowPrivacy.set(typeName, (privacy = new RowPrivacy(scopeOf)));
    return privacy;
  };
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const coordinate = `${typeName}.${fieldName}`;
      const policy = policies.get(coordinate);
      const args = argumentPolicies.get(coordinate) ?? [];
      const guarded = !!policy && policy.level !== 'PUBLIC';
      if (!guarded && args.length === 0) return field;
      const root = ROOT_TYPES.has(typeName);
      // A root field is about no row: its policy says who may call it at all.
      const privacy = root ? ROOT_PRIVACY : privacyOf(typeName);
      if (guarded && !policy.each && !privacy)
        throw new Error(`${coordinate} is @sensitive but ${options.department} declares no row scope for ${typeName}`);
      if (guarded && isNonNullType(field.type))
        throw new Error(`${coordinate} is @sensitive, so it must be nullable: a denied value is null`);
      const each = guarded && !!policy.each;
      const rows = each || args.length > 0 ? rowsOf(field.type, privacyOf, coordinate) : undefined;
      const means: RevealMeans = isRecord(field.type) ? 'link' : 'read';
      const resolve = field.resolve ?? defaultFieldResolver;
      return {
        ...field,
        resolve: (source, values, context: DepartmentContext, info) => {
          const { caller } = context;
          let decision: 'REVEAL' | 'MASK' = 'REVEAL';
          // A denied field's error is located at its path already, so graphql-js takes it as it is: no
          // second error wrapping it, and no stack trace formatted (through source maps) for an expected outcome.
          if (each && bestCase(caller, policy!) === 'DENY') {
            throw codedError('FORBIDDEN_FIELD', `You may not see ${coordinate} here.`, { field: coordinate }, pathOf(info.path));
          }
          // The rest of the decision, once the row's scope (with its grant, where one is needed) is known.
          const proceed = (scope: RowScope | undefined, decided: Decision | undefined, grantRecords: readonly GrantRecord[]): unknown => {
            if (decided === 'DENY')
              throw codedError('FORBIDDEN_FIELD', `You may not see ${coordinate} here.`, { field: coordinate }, pathOf(info.path));
            if (decided) decision = decided;
            const used = args.filter((entry) => valueAt(values, entry.path) !== undefined);
            for (const entry of used) {
              // Only a caller who could read the tested value somewhere may select by it at all.
              if (bestCase(caller, entry.policy) !== 'REVEAL') {
                const argument = entry.path.join('.');
                throw codedError(
                  'FORBIDDEN_ARGUMENT',
                  `You may not select by ${argument} here: it tests ${entry.tests.join(' or ')}, which you may not read.`,
                  { argument },
                );
              }
            }
            if (scope && decision === 'REVEAL' && AUDITED.has(policy!.level)) {
              context.reveals.add({
                typeName,
                field: fieldName,
                entityId: idOf(source),
                subjectIds: scope.subjectIds,
                path: pathOf(info.path),
                mask: policy!.mask,
                means,
              });
              // The record of work the reveal rests on goes into the same access record's batch, under the
              // subject: their access log names the visit, case or break-glass as the reason.
              for (const record of grantRecords) {
                context.reveals.add({
                  typeName: record.typeName,
                  field: `grant:${caller.purpose}`,
                  entityId: record.id,
                  subjectIds: scope.subjectIds,
                  path: [],
                  mask: 'NULL',
                  means,
                });
              }
            }
            const value = resolve(source, values, context, info);
            if (decision === 'MASK') return then(value, (resolved) => maskValue(policy!.mask, resolved));
            if (!rows || (!each && used.length === 0)) return value;
            const path = pathOf(info.path);
            const keep: Keep = (row) => {
              // A row's scope as the field each policy stands for sees it (a petition's region has its
              // own audience): worked out once per row, and per field where the scope reads the field.
              const scopeFor = (name: string): RowScope => rows.privacy.scope(row, name);
              if (each && rows.privacy.decide(caller, policy!, row, fieldName) !== 'REVEAL') return false;
              if (!used.every((entry) => rows.privacy.decide(caller, entry.policy, row, entry.tests[0]!) === 'REVEAL')) return false;
              const entityId = idOf(row);
              if (each && AUDITED.has(policy!.level)) {
                context.reveals.add({
                  typeName,
                  field: fieldName,
                  entityId,
                  subjectIds: scopeFor(fieldName).subjectIds,
                  path,
                  mask: 'NULL',
                  means: 'link',
                });
              }
              for (const entry of used) {
                if (!AUDITED.has(entry.policy.level)) continue;
                const { subjectIds } = scopeFor(entry.tests[0]!);
                for (const tested of entry.tests)
                  context.reveals.add({
                    typeName: rows.typeName,
                    field: tested,
                    entityId,
                    subjectIds,
                    path,
                    mask: 'NULL',
                    means: entry.means,
                  });
              }
              return true;
            };
            return then(value, (resolved) => keepRows(resolved, rows.connection, keep));
          };
          const scope = guarded && !each ? privacy!.scope(source, fieldName) : undefined;
          // A SENSITIVE value under a purpose that needs a record of work: the row's grant is looked up
          // (batched per request) and the decision continues once it is known.
          if (scope && policy!.level === 'SENSITIVE' && options.grants && purposeNeedsGrant(caller)) {
            return withGrant(options.grants, context, typeName, source, scope).then((granted) =>
              proceed(granted.scope, decide(caller, policy!, granted.scope), granted.records),
            );
          }
          return proceed(scope, scope && privacy!.decide(caller, policy!, source, fieldName), []);
        },
      };
    },
  });
}

/** Every reveal at these levels is recorded (privacy.md, Audit). */
const AUDITED: ReadonlySet<DataLevel> = new Set(['PERSONAL', 'SENSITIVE', 'SECRET']);

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
/** A root field is about no row. */
const ROOT_PRIVACY = new RowPrivacy(() => ({ subjectIds: [] }));

type Keep = (row: unknown) => boolean;

/** The records a field returns (a list, or a connection's nodes), and how to tell whom each is about. */
function rowsOf(
  type: GraphQLOutputType,
  privacyOf: (typeName: string) => RowPrivacy | undefined,
  coordinate: string,
): { typeName: string; connection: boolean; privacy: RowPrivacy } {
  const named = getNamedType(type);
  let typeName = named.name;
  let connection = false;
  if (isObjectType(named)) {
    const edges = named.getFields()['edges'];
    const edge = edges ? getNamedType(edges.type) : undefined;
    const node = edge && isObjectType(edge) ? edge.getFields()['node'] : undefined;
    if (node) {
      typeName = getNamedType(node.type).name;
      connection = true;
    }
  }
  const privacy = privacyOf(typeName);
  if (!privacy)
    throw new Error(
      `${coordinate} selects ${typeName} rows by a protected argument or item by item, but declares no row scope for ${typeName}`,
    );
  return { typeName, connection, privacy };
}

/** Leaves out the rows the caller may not learn about: from a list, or from a connection's edges. */
function keepRows(value: unknown, connection: boolean, keep: Keep): unknown {
  if (value === null || value === undefined) return value;
  if (connection) {
    const shape = value as { edges?: { node: unknown; cursor?: string }[]; pageInfo?: { endCursor?: string | null } };
    const edges = (shape.edges ?? []).filter((edge) => keep(edge.node));
    if (edges.length === (shape.edges ?? []).length) return { ...shape, edges };
    // A cursor encodes its row's key: the page must not end on a row that was left out.
    return { ...shape, edges, ...(shape.pageInfo ? { pageInfo: { ...shape.pageInfo, endCursor: edges.at(-1)?.cursor ?? null } } : {}) };
  }
  if (Array.isArray(value)) return value.filter(keep);
  return keep(value) ? value : null;
}

/** A field whose values are records of the graph (they have an id): reading it is following a link. */
function isRecord(type: GraphQLOutputType): boolean {
  const named = getNamedType(type);
  return isObjectType(named) && 'id' in named.getFields();
}

function valueAt(values: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = values;
  for (const key of path) {
    if (node === null || node === undefined || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node === null ? undefined : node;
}

function idOf(row: unknown): string {
  return String((row as { id?: unknown } | null)?.id ?? '');
}

function then(value: unknown, next: (resolved: unknown) => unknown): unknown {
  return isPromise(value) ? value.then(next) : next(value);
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | null)?.then === 'function';
}

function pathOf(path: Path): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let node: Path | undefined = path; node; node = node.prev) keys.unshift(node.key);
  return keys;
}
