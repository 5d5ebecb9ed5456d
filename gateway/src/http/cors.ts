import type { RequestHandler } from 'express';

export interface CorsOptions {
  /** Origins allowed, `'*'`, or `'localhost'` (any port of localhost, 127.0.0.1 or [::1]). @default none */
  readonly origins?: readonly string[] | '*' | 'localhost';
}

const LOCALHOST_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * CORS for the GraphQL routes: allowed origins get the headers (and `x-request-id`, `retry-after`
 * exposed); a preflight (`OPTIONS`) is answered 204 here, with the methods and headers only for an
 * allowed origin, and goes no further.
 */
export function cors(options: CorsOptions = {}): RequestHandler {
  const origins = options.origins ?? [];
  return (req, res, next) => {
    const origin = req.header('origin');
    const allowed =
      origin !== undefined && (origins === '*' || (origins === 'localhost' ? LOCALHOST_ORIGIN.test(origin) : origins.includes(origin)));
    if (allowed) {
      res.setHeader('access-control-allow-origin', origins === '*' ? '*' : origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-expose-headers', 'x-request-id, retry-after');
    }
    if (req.method === 'OPTIONS') {
      if (allowed) {
        res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
        res.setHeader(
          'access-control-allow-headers',
          'authorization, content-type, x-api-key, x-request-id, x-liangling-purpose, apollo-require-preflight',
        );
        res.setHeader('access-control-max-age', '600');
      }
      res.status(204).end();
      return;
    }
    next();
  };
}
