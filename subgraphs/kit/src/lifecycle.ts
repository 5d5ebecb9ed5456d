// A department's state machine as data, and the one way its rows move: the guarded write.
//
// `defineLifecycle()` turns a table (which action moves a row from which statuses to which, and which
// parts a caller must play to take it) into pure decisions the department unit-tests on their own.
// `transition()` carries a decision out in one transaction: the update is conditional on the status
// it was decided on, so of two concurrent moves of one row one wins and the other is refused with
// CONFLICT, nothing written; the department's timeline entry (where it keeps one) is written in the
// same transaction; the row is read again and the request's loader is told.
import { codedError } from '@liangling/schema';
import type { GraphQLError } from 'graphql';

/** One action of a lifecycle. */
export interface TransitionRule<Status extends string, Part extends string = never> {
  /** The statuses the action may be taken from. */
  readonly from: readonly Status[];
  /** The status after the action; absent when the action leaves the status as it is (a rating, more evidence). */
  readonly to?: Status;
  /** How refusals name the action: "A case that is CLOSED cannot be `past`". */
  readonly past: string;
  /**
   * The parts a caller must play on the row to take the action (the submitter, the area's staff…);
   * absent when the department decides who may act before asking (officers only, say).
   */
  readonly parts?: readonly Part[];
}

export interface LifecycleSpec<Status extends string, Action extends string, Part extends string = never> {
  /** What the rows are called in messages: `petition`, `case`. */
  readonly subject: string;
  readonly transitions: Readonly<Record<Action, TransitionRule<Status, Part>>>;
  /** How a refusal describes each part: "the resident who submitted it". @default the part's name */
  readonly describeParts?: Readonly<Record<Part, string>>;
}

/** A decision: the status the row moves to (and the part that allowed it), or the coded reason it may not. */
export type Verdict<Status extends string, Part extends string = never> =
  | { readonly ok: true; readonly from: Status; readonly to: Status; readonly part: Part | undefined }
  | { readonly ok: false; readonly code: 'FORBIDDEN' | 'CONFLICT'; readonly message: string };

export interface Lifecycle<Status extends string, Action extends string, Part extends string = never> extends LifecycleSpec<
  Status,
  Action,
  Part
> {
  /** Every action of the table. */
  readonly actions: readonly Action[];
  /** True when `action` may be taken from `status` (whoever asks). */
  allows(action: Action, status: string): boolean;
  /** The status `action` leads to from `status`, or null when it may not be taken from it. */
  next(action: Action, status: string): Status | null;
  /**
   * May a caller playing `parts` take `action` on a row in `status`? Who comes first: a caller who may
   * never take the action on this row is FORBIDDEN whatever its status; one who may, but not now, gets
   * CONFLICT. Without `parts`, only the status is decided.
   */
  decide(action: Action, status: string, parts?: ReadonlySet<Part>): Verdict<Status, Part>;
  /** The coded error of a refused verdict, with the status in its extensions. */
  refusal(verdict: Extract<Verdict<Status, Part>, { ok: false }>, status: string): GraphQLError;
}

/** Checks the table once, at start-up, and returns its decisions. */
export function defineLifecycle<Status extends string, Action extends string, Part extends string = never>(
  spec: LifecycleSpec<Status, Action, Part>,
): Lifecycle<Status, Action, Part> {
  const actions = Object.keys(spec.transitions) as Action[];
  for (const action of actions) {
    if (spec.transitions[action].from.length === 0) throw new Error(`${spec.subject} lifecycle: ${action} can be taken from no status`);
  }
  const describe = (part: Part) => spec.describeParts?.[part] ?? part;
  // "an alert", "a case": the subject's article, by its first letter.
  const [a, A] = /^[aeiou]/i.test(spec.subject) ? ['an', 'An'] : ['a', 'A'];
  const allows = (action: Action, status: string) => (spec.transitions[action].from as readonly string[]).includes(status);
  return {
    ...spec,
    actions,
    allows,
    next: (action, status) => (allows(action, status) ? (spec.transitions[action].to ?? (status as Status)) : null),
    decide(action, status, parts) {
      const rule = spec.transitions[action];
      const part = parts && rule.parts ? rule.parts.find((candidate) => parts.has(candidate)) : undefined;
      if (parts && rule.parts && part === undefined) {
        return {
          ok: false,
          code: 'FORBIDDEN',
          message: `You may not do this: to be ${rule.past}, ${a} ${spec.subject} needs ${rule.parts.map(describe).join(', or ')}.`,
        };
      }
      if (!allows(action, status)) {
        return {
          ok: false,
          code: 'CONFLICT',
          message: `${A} ${spec.subject} that is ${status} cannot be ${rule.past}; that needs ${rule.from.join(' or ')}. Nothing was changed.`,
        };
      }
      return { ok: true, from: status as Status, to: rule.to ?? (status as Status), part };
    },
    refusal: (verdict, status) => codedError(verdict.code, verdict.message, { status }),
  };
}

/** What the guarded update is given: spread `where` into the update's condition and `data` into what it sets. */
export interface TransitionGuard<Status extends string> {
  readonly where: { readonly id: string; readonly status: Status };
  readonly data: { readonly status: Status };
}

/** One move, as `transition()` carries it out. */
export interface Move<Status extends string, Action extends string, Part extends string, Tx, Row extends { id: string; status: string }> {
  readonly action: Action;
  /** The row as the department read it; the move is decided on its status. */
  readonly row: Row;
  /** The parts the caller plays on the row, for a lifecycle whose rules name parts. */
  readonly parts?: ReadonlySet<Part>;
  /**
   * The guarded write: the department's `updateMany` with the guard's `where` and `data` spread in,
   * beside whatever else the action sets or checks. Returns how many rows it changed (one, or none when
   * the row moved meanwhile).
   */
  readonly update: (tx: Tx, guard: TransitionGuard<Status>) => Promise<{ count: number }>;
  /** More writes of the same transaction, after the guard held: the timeline entry, an evidence item. */
  readonly after?: (
    tx: Tx,
    step: { readonly action: Action; readonly from: Status; readonly to: Status; readonly part: Part | undefined },
  ) => Promise<unknown>;
  /** The row as it is now, read inside the transaction. */
  readonly read: (tx: Tx) => Promise<Row>;
  /** Told the row after the move, to refresh the request's loaders. */
  readonly settled?: (row: Row) => void;
}

/** A database that runs a function in one transaction (a Prisma client). */
export interface Transactional<Tx> {
  $transaction<T>(run: (tx: Tx) => Promise<T>): Promise<T>;
}

/**
 * Carries out one move of one row, or throws its coded refusal (FORBIDDEN, CONFLICT) with nothing
 * written. The one guarded state transition of every department.
 */
export async function transition<
  Status extends string,
  Action extends string,
  Part extends string,
  Tx,
  Row extends { id: string; status: string },
>(lifecycle: Lifecycle<Status, Action, Part>, db: Transactional<Tx>, move: Move<Status, Action, Part, Tx, Row>): Promise<Row> {
  const verdict = lifecycle.decide(move.action, move.row.status, move.parts);
  if (!verdict.ok) throw lifecycle.refusal(verdict, move.row.status);
  const moved = await db.$transaction(async (tx) => {
    // Writing the status (even unchanged) takes the row's write lock; the condition holds the guard.
    const { count } = await move.update(tx, { where: { id: move.row.id, status: verdict.from }, data: { status: verdict.to } });
    if (count !== 1) {
      throw codedError('CONFLICT', `The ${lifecycle.subject} changed meanwhile; nothing was written. Read it again.`, {
        status: move.row.status,
      });
    }
    await move.after?.(tx, { action: move.action, from: verdict.from, to: verdict.to, part: verdict.part });
    return move.read(tx);
  });
  move.settled?.(moved);
  return moved;
}
