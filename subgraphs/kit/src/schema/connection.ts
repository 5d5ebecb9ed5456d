import { codedError } from '@liangling/schema';
import { Directive, Field, ObjectType, type ClassType } from 'type-graphql';

/** Relay-style page information; shared by every department, hence `@shareable`. */
@ObjectType({ description: 'Where a page of a connection stands.' })
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** A `<Name>Connection` type with `<Name>Edge`s of `Node`. */
export function ConnectionType<T extends object>(name: string, Node: ClassType<T>): ClassType<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => Node)
    node!: T;

    @Field({ description: 'Opaque; pass as `after` to continue after this edge.' })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return Connection;
}

/** The largest page a caller may ask for. */
export const MAX_PAGE_SIZE = 500;

/** The kinds a sort key's parts may have. */
export type CursorPart = 'string' | 'number' | 'date';
type PartValue<P extends CursorPart> = P extends 'string' ? string : P extends 'number' ? number : Date;
/** A row's sort key: one value per part, the last one unique (an id) so that the order is total. */
export type CursorKey<Parts extends readonly CursorPart[]> = { -readonly [I in keyof Parts]: PartValue<Parts[I]> };

/** The page a list's loader is asked for. */
export interface Page<Key> {
  /** How many rows to read: `first + 1`, the extra one telling whether more follow. */
  readonly take: number;
  /** The sort key of the last row of the page before, or undefined on the first page. */
  readonly after: Key | undefined;
}

export interface ConnectionSpec<Row, Parts extends readonly CursorPart[]> {
  /** The kinds of the sort key's parts: `['date', 'string']` for (createdAt, id). */
  readonly key: Parts;
  /** A row's sort key, in the list's order. */
  readonly keyOf: (row: Row) => CursorKey<Parts>;
  /** Reads the rows after `page.after` in the list's order, at most `page.take` of them. */
  readonly load: (page: Page<CursorKey<Parts>>) => Promise<readonly Row[]> | readonly Row[];
}

/** `first` and `after` as a list's arguments carry them. */
export interface PageArguments {
  readonly first: number;
  readonly after?: string | null | undefined;
}

/**
 * One page of a keyset-paginated list: checks `first`, decodes `after` (an opaque cursor this list
 * gave out; anything else is BAD_USER_INPUT naming `after`), asks `load` for the rows after it and
 * returns the page with a cursor per edge. The same for every list of every department.
 */
export async function connection<Row, const Parts extends readonly CursorPart[]>(
  args: PageArguments,
  spec: ConnectionSpec<Row, Parts>,
): Promise<ConnectionShape<Row>> {
  const { first } = args;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw codedError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE_SIZE}.`, { argument: 'first' });
  }
  const after = args.after === null || args.after === undefined ? undefined : decodeCursor(args.after, spec.key);
  const rows = await spec.load({ take: first + 1, after });
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ node, cursor: encodeCursor(spec.keyOf(node)) }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** The opaque cursor of a sort key: base64url of its parts as JSON (dates as ISO text). */
export function encodeCursor(key: readonly (string | number | Date)[]): string {
  return Buffer.from(JSON.stringify(key.map((part) => (part instanceof Date ? part.toISOString() : part))), 'utf8').toString('base64url');
}

const NOT_A_CURSOR = 'after is not a cursor this connection gave out.';

/** The sort key a cursor carries, checked part by part against the list's key; else BAD_USER_INPUT. */
export function decodeCursor<const Parts extends readonly CursorPart[]>(cursor: string, parts: Parts): CursorKey<Parts> {
  const refuse = () => codedError('BAD_USER_INPUT', NOT_A_CURSOR, { argument: 'after' });
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(decoded) || decoded.length !== parts.length) throw refuse();
  const key = parts.map((kind, index) => {
    const value: unknown = decoded[index];
    if (kind === 'string' && typeof value === 'string') return value;
    if (kind === 'number' && typeof value === 'number' && Number.isFinite(value)) return value;
    if (kind === 'date' && typeof value === 'string') {
      const at = new Date(value);
      if (!Number.isNaN(at.getTime()) && at.toISOString() === value) return at;
    }
    throw refuse();
  });
  return key as CursorKey<Parts>;
}

/** A list's order: `[field, direction]` per sort-key part, the same fields `keyOf` reads. */
export type KeysetOrder = readonly (readonly [field: string, direction: 'asc' | 'desc'])[];

/**
 * The Prisma condition "after this key in this order": `(a > x) OR (a = x AND b > y) …`, with `<` for
 * descending parts. Typed by the caller (its model's `WhereInput`): the fields are the caller's.
 */
export function keysetAfter<Where extends object>(order: KeysetOrder, after: readonly unknown[] | undefined): Where {
  if (!after) return {} as Where;
  if (after.length !== order.length) throw new Error(`keysetAfter: a key of ${after.length} parts for an order of ${order.length}`);
  const branches = order.map(([field, direction], index) => {
    const equal = Object.fromEntries(order.slice(0, index).map(([name], before) => [name, after[before]]));
    return { ...equal, [field]: { [direction === 'asc' ? 'gt' : 'lt']: after[index] } };
  });
  return { OR: branches } as Where;
}

/** The Prisma `orderBy` of a keyset order. */
export function keysetOrderBy<OrderBy extends object>(order: KeysetOrder): OrderBy[] {
  return order.map(([field, direction]) => ({ [field]: direction }) as OrderBy);
}
