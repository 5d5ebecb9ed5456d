import type { RequestHandler } from 'express';

/** The paths of the development explorer, the one HTML page the gateway serves. */
export const EXPLORER_PATHS = ['/', '/explorer'];

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
    // The development explorer is one page with its own inline script and style; everything else is data.
    const page = req.method === 'GET' && EXPLORER_PATHS.includes(req.path);
    res.setHeader('content-security-policy', page ? "default-src 'self'; script-src 'unsafe-inline' 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'" : "default-src 'none'; frame-ancestors 'none'");
    next();
  };
}
