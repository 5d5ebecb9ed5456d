import { SENSITIVE_PURPOSES, type Caller, type RowScope } from '@liangling/schema';
import DataLoader from 'dataloader';
import type { DepartmentContext } from '../context';

/** The record of work a grant rests on, named in the access record beside the value it revealed. */
export interface GrantRecord {
  readonly typeName: string;
  readonly id: string;
}

/** What a department's records grant one caller on one subject. */
export interface Grant {
  /** Purposes granted (the caller's declared one, or none). */
  readonly purposes: readonly string[];
  /** Departments the grant makes the row "theirs" for (an officer on an open case of the party). */
  readonly departments?: readonly string[];
  /** The records it rests on: a care visit, a case, a break-glass. */
  readonly records: readonly GrantRecord[];
}

/**
 * How a department finds the grants of a caller (PIPL Art. 6, 28: a SENSITIVE reveal under a purpose
 * needs a record of work on that person). `keyOf` names a row's subject for the lookup; `lookup`
 * answers a whole batch of keys for the request's caller in one statement, never one per row.
 */
export interface GrantSource<Context extends DepartmentContext = DepartmentContext> {
  /** The subject key of a row of `typeName`, or undefined when the type takes no grants. */
  keyOf(typeName: string, row: unknown): string | undefined;
  /** Grants of `context.caller` for each key; a key without one may be left out. */
  lookup(keys: readonly string[], context: Context): Promise<ReadonlyMap<string, Grant>>;
}

const NONE: Grant = { purposes: [], records: [] };
const loaders = new WeakMap<DepartmentContext, DataLoader<string, Grant>>();

/** True when the caller's declared purpose could reveal SENSITIVE values, but only with a grant. */
export function purposeNeedsGrant(caller: Caller): boolean {
  return caller.role !== 'service' && !!caller.purpose && !!SENSITIVE_PURPOSES[caller.role]?.includes(caller.purpose);
}

/**
 * The row scope with the caller's grant on the row merged in, through one DataLoader per request:
 * every row asked for in the same tick is looked up in one batch. A failed lookup grants nothing
 * (the value is masked, as without a grant: fail closed).
 */
export async function withGrant(
  source: GrantSource,
  context: DepartmentContext,
  typeName: string,
  row: unknown,
  scope: RowScope,
): Promise<{ scope: RowScope; records: readonly GrantRecord[] }> {
  const key = source.keyOf(typeName, row);
  if (key === undefined) return { scope, records: [] };
  let loader = loaders.get(context);
  if (!loader) {
    loader = new DataLoader<string, Grant>(
      async (keys) => {
        try {
          const found = await source.lookup(keys, context);
          return keys.map((key) => found.get(key) ?? NONE);
        } catch {
          return keys.map(() => NONE);
        }
      },
      // Pages are at most 500 rows; a batch beyond this splits rather than make one unbounded statement.
      { maxBatchSize: 1000 },
    );
    loaders.set(context, loader);
  }
  const grant = await loader.load(key);
  if (grant.purposes.length === 0) return { scope, records: [] };
  return {
    scope: { ...scope, grantedPurposes: grant.purposes, departments: [...(scope.departments ?? []), ...(grant.departments ?? [])] },
    records: grant.records,
  };
}
