import type { ErrorRequestHandler } from 'express';

/**
 * Errors raised before GraphQL sees the request (a body that is not JSON, or too large) answered as
 * GraphQL errors with registry codes, not as HTML pages.
 */
export const httpErrorHandler: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, _next) => {
  const tooLarge = error.type === 'entity.too.large';
  const status = tooLarge ? 413 : error.status && error.status >= 400 && error.status < 500 ? error.status : 400;
  res.status(status).json({
    errors: [{ message: tooLarge ? 'The request body is too large.' : 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
  });
};
