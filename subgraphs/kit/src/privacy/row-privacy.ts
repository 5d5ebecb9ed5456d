import { decide, type Caller, type Decision, type FieldPolicy, type RowScope } from '@liangling/schema';

/** How the middleware calls a department's scope: rows arrive untyped, each department's scope reads its own. */
export type ScopeOf = (row: unknown, field: string) => RowScope;

/** What was worked out of one row: its scope, and for whom the decision of each policy asked was taken. */
interface Worked {
  readonly scope: RowScope;
  caller?: Caller;
  readonly decisions: Map<FieldPolicy, Decision>;
}

/**
 * A row's privacy, worked out once per row rather than once per field of it: a page of 50 residents
 * with seven protected fields asks the department's scope 50 times, not 350, and `decide()` once per
 * distinct policy of a row (fields of one level and audience share theirs).
 *
 * A scope that takes no `field` parameter is the same for every field of its row (JavaScript's
 * `length` of the function says so), so it is kept per row; a scope that reads the field (a row whose
 * fields have different audiences) is kept per row and field. Rows are the request's own objects, so
 * a WeakMap keeps them no longer than the response; a row reached by another caller (a cache shared
 * across requests) has its decisions taken again for that caller.
 */
export class RowPrivacy {
  private readonly byField: boolean;
  private readonly worked = new WeakMap<object, Map<string, Worked>>();

  constructor(private readonly scopeOf: ScopeOf) {
    this.byField = scopeOf.length >= 2;
  }

  /** The row's scope as `field`'s policy sees it. */
  scope(row: unknown, field: string): RowScope {
    return this.work(row, field).scope;
  }

  /** The decision for `caller` of `policy` on this row, as `field` sees it. */
  decide(caller: Caller, policy: FieldPolicy, row: unknown, field: string): Decision {
    const worked = this.work(row, field);
    if (worked.caller !== caller) {
      worked.caller = caller;
      worked.decisions.clear();
    }
    let decision = worked.decisions.get(policy);
    if (decision === undefined) worked.decisions.set(policy, (decision = decide(caller, policy, worked.scope)));
    return decision;
  }

  private work(row: unknown, field: string): Worked {
    if (typeof row !== 'object' || row === null) return { scope: this.scopeOf(row, field), decisions: new Map() };
    let fields = this.worked.get(row);
    if (!fields) this.worked.set(row, (fields = new Map()));
    const key = this.byField ? field : '';
    let worked = fields.get(key);
    if (!worked) fields.set(key, (worked = { scope: this.scopeOf(row, field), decisions: new Map() }));
    return worked;
  }
}
