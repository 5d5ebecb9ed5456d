import { codedError } from '@liangling/schema';
import type { ErrorRequestHandler, Response } from 'express';
import type { GraphQLError } from 'graphql';
import type { RequestRecord } from '../context';

/** Sends one coded error as a GraphQL response, with the status the registry gives its code. */
export function sendGraphQLError(res: Response, error: GraphQLError): void {
  const { http, ...extensions } = error.extensions as { http?: { status?: number } } & Record<string, unknown>;
  res.status(http?.status ?? 400).json({ errors: [{ message: error.message, extensions }] });
}

/** Ends a request with one coded GraphQL error, before Apollo Server sees it; the request's record keeps its code. */
export function refuse(res: Response, record: RequestRecord | undefined, error: GraphQLError): void {
  record?.errorCodes.push(String(error.extensions['code']));
  sendGraphQLError(res, error);
}

/**
 * Errors raised before GraphQL sees the request (a body that is not JSON, or too large) answered as
 * GraphQL errors with registry codes, not as HTML pages. Mounted last.
 */
export function httpErrors(): ErrorRequestHandler {
  return (error: { status?: number; type?: string }, _req, res, _next) => {
    const tooLarge = error.type === 'entity.too.large';
    const coded = tooLarge
      ? codedError('REQUEST_TOO_LARGE', 'The request body is too large.')
      : codedError('BAD_REQUEST', 'The request body is not valid JSON.');
    (res.locals['record'] as RequestRecord | undefined)?.errorCodes.push(String(coded.extensions['code']));
    if (!tooLarge && error.status && error.status >= 400 && error.status < 500) res.status(error.status);
    sendGraphQLError(res, coded);
  };
}

/** The request's record, which {@link requestRecord} put first in the pipeline. */
export function recordOf(res: Response): RequestRecord {
  return res.locals['record'] as RequestRecord;
}
