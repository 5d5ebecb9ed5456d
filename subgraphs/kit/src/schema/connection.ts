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

/** Checks `first`, decodes `after`: the cursor is the last row's sort key. */
export function pageArgs(first: number, after: string | null | undefined): { take: number; afterKey: string | undefined } {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw codedError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE_SIZE}.`, { argument: 'first' });
  }
  if (after === null || after === undefined) return { take: first, afterKey: undefined };
  const key = Buffer.from(after, 'base64url').toString('utf8');
  if (!key || Buffer.from(key, 'utf8').toString('base64url') !== after) {
    throw codedError('BAD_USER_INPUT', 'after is not a cursor this connection gave out.', { argument: 'after' });
  }
  return { take: first, afterKey: key };
}

/** Builds a page from rows fetched with `take + 1`, the extra row telling whether more follow. */
export function toConnection<T>(rows: readonly T[], take: number, keyOf: (row: T) => string): ConnectionShape<T> {
  const page = rows.slice(0, take);
  const edges = page.map((node) => ({ node, cursor: Buffer.from(keyOf(node), 'utf8').toString('base64url') }));
  return { edges, pageInfo: { hasNextPage: rows.length > take, endCursor: edges.at(-1)?.cursor ?? null } };
}
