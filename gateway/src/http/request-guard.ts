import { codedError } from '@liangling/schema';
import type { RequestHandler } from 'express';
import type { GraphQLError } from 'graphql';
import { checkTokens, type OperationLimits } from '../limits';
import { sha256Hex } from '../trusted-documents';
import { recordOf, refuse } from './errors';

export interface RequestGuardOptions {
  /** Batch size and token count allowed (the rest of the limits are the operation-limits plugin's). */
  readonly limits: Required<Pick<OperationLimits, 'maxBatchSize' | 'maxTokens'>>;
}

/**
 * What is refused before anything is parsed, in this order: a batch too large (or any batch when
 * batching is off), then for each operation a malformed persisted-query extension (or a hash that is
 * not its document's), then a document with too many tokens.
 */
export function requestGuard(options: RequestGuardOptions): RequestHandler {
  const { limits } = options;
  return (req, res, next) => {
    const record = recordOf(res);
    const body: unknown = req.method === 'GET' ? req.query : req.body;
    const operations = Array.isArray(body) ? body : [body];
    record.operations = operations.length;
    if (Array.isArray(body) && (body.length > limits.maxBatchSize || body.length === 0)) {
      const message =
        limits.maxBatchSize === 0
          ? 'Batched requests are not accepted.'
          : `A batch may hold 1 to ${limits.maxBatchSize} operations; this one has ${body.length}.`;
      return refuse(res, record, codedError('BATCH_LIMIT_EXCEEDED', message, { limit: limits.maxBatchSize, actual: body.length }));
    }
    for (const operation of operations) {
      const query = (operation as { query?: unknown } | null)?.query;
      const persisted = persistedQueryError(operation, query);
      if (persisted) return refuse(res, record, persisted);
      if (typeof query !== 'string') continue;
      const tokens = checkTokens(query, limits);
      if (!tokens.ok) return refuse(res, record, codedError(tokens.code, tokens.message, { limit: tokens.limit }));
    }
    next();
  };
}

/** A persisted-query extension that is not Apollo's version 1 with a sha256, or whose hash is not its document's. */
function persistedQueryError(operation: unknown, query: unknown): GraphQLError | undefined {
  let extensions = (operation as { extensions?: unknown } | null)?.extensions;
  if (typeof extensions === 'string') {
    try {
      extensions = JSON.parse(extensions) as unknown; // a GET request's `extensions` parameter
    } catch {
      return undefined; // Apollo Server answers a malformed parameter itself
    }
  }
  const persisted =
    typeof extensions === 'object' && extensions !== null ? (extensions as Record<string, unknown>)['persistedQuery'] : undefined;
  if (persisted === undefined) return undefined;
  const { version, sha256Hash } = (persisted ?? {}) as { version?: unknown; sha256Hash?: unknown };
  if (version !== 1 || typeof sha256Hash !== 'string' || !/^[0-9a-f]{64}$/.test(sha256Hash)) {
    return codedError('BAD_REQUEST', 'extensions.persistedQuery must be { "version": 1, "sha256Hash": "<64 hex digits>" }.');
  }
  if (typeof query === 'string' && sha256Hex(query) !== sha256Hash)
    return codedError('BAD_REQUEST', 'extensions.persistedQuery.sha256Hash is not the sha256 of the query sent with it.');
  return undefined;
}
