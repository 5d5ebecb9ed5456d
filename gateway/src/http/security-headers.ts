import type { RequestHandler } from 'express';
import { EXPLORER_CSP, EXPLORER_PATHS } from './explorer';

/**
 * Headers every response carries: no sniffing, no framing, no referrer, nothing loaded by a page of
 * ours but itself. First in the pipeline of both the API port and the operator port.
 */
export function securityHeaders(): RequestHandler {
  return (req, res, next) => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    // The explorer (GraphiQL) is the one page the gateway serves, with its own scripts; everything else is data.
    const page = req.method === 'GET' && EXPLORER_PATHS.includes(req.path);
    res.setHeader('content-security-policy', page ? EXPLORER_CSP : "default-src 'none'; frame-ancestors 'none'");
    next();
  };
}
