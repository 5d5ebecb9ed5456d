import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { LianglingClient, RequestOptions } from './client';

/** The shape of every connection of the graph (`first`/`after`, Relay style). */
export interface Connection<TNode> {
  readonly edges: readonly { readonly node: TNode }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null | undefined };
}

export interface PaginateOptions extends RequestOptions {
  /** Stop after this many pages, whatever the graph says is left. @default Infinity */
  readonly maxPages?: number | undefined;
}

/**
 * Every node of a connection, page by page, for `for await`: runs `document` with `variables`, then
 * again with `after` set to the page's `endCursor` while `hasNextPage` holds. The page size is the
 * operation's `first`. Each page is one request through the client (so retried like any query); an
 * error rejects the loop where it happened.
 *
 * ```ts
 * for await (const resident of paginate(client, GridResidentsDocument, { regionId, first: 50 }, (data) => data.residents)) {
 *   console.log(resident.name);
 * }
 * ```
 * @param connectionOf where the connection is in the result (`null` or `undefined`: nothing to list)
 */
export async function* paginate<TResult, TVariables extends { after?: string | null | undefined }, TNode>(
  client: LianglingClient,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  connectionOf: (data: TResult) => Connection<TNode> | null | undefined,
  options: PaginateOptions = {},
): AsyncGenerator<TNode, void, undefined> {
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  const request = client.request as (
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    options?: RequestOptions,
  ) => Promise<TResult>;
  let after = variables.after ?? null;
  for (let page = 0; page < maxPages; page += 1) {
    const connection = connectionOf(await request.call(client, document, { ...variables, after }, options));
    if (!connection) return;
    for (const edge of connection.edges) yield edge.node;
    const next = connection.pageInfo.endCursor ?? null;
    // A cursor that does not move would list the same page for ever.
    if (!connection.pageInfo.hasNextPage || next === null || next === after) return;
    after = next;
  }
}
