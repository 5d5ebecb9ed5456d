import type { RequestHandler, Response } from 'express';
import { authenticateRequest, type Authenticated, type AuthOptions } from '../auth';
import { recordOf } from './errors';

export interface CallerResolutionOptions {
  /** How tokens, API keys and purposes are verified (secrets, OIDC, keys, lifetimes). */
  readonly auth: AuthOptions;
}

/**
 * Resolves the caller once per HTTP request, from `authorization`, `x-api-key` and
 * `x-liangling-purpose`. It refuses nothing itself: the result goes to `res.locals.auth`, or the
 * error to `res.locals.authError`, which the GraphQL context (or the subscription handler) throws, so
 * the refusal is a GraphQL error like any other. Either way the request's record learns the role or
 * the code.
 */
export function resolveCaller(options: CallerResolutionOptions): RequestHandler {
  return (req, res, next) => {
    const record = recordOf(res);
    authenticateRequest(
      { authorization: req.header('authorization'), apiKey: req.header('x-api-key'), purpose: req.header('x-liangling-purpose') },
      options.auth,
    ).then(
      (authenticated) => {
        res.locals['auth'] = authenticated;
        record.role = authenticated.caller.role;
        if (authenticated.apiKeyId) record.apiKeyId = authenticated.apiKeyId;
        next();
      },
      (error: unknown) => {
        res.locals['authError'] = error;
        // Logged and counted under its own code: a refused purpose (PURPOSE_NOT_ALLOWED) is not a bad credential.
        const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
        record.errorCodes.push(typeof code === 'string' ? code : 'UNAUTHENTICATED');
        next();
      },
    );
  };
}

/** The caller {@link resolveCaller} found, if it found one. */
export function authenticatedOf(res: Response): Authenticated | undefined {
  return res.locals['auth'] as Authenticated | undefined;
}
