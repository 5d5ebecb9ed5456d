import type { ServerOptions } from 'node:http';

export interface TimeoutOptions {
  /** Longest time to receive a whole request (headers and body); then the connection is closed. @default 30000 */
  readonly requestTimeoutMs?: number;
  /** Longest time to receive a request's headers (never more than `requestTimeoutMs`). @default 10000 */
  readonly headersTimeoutMs?: number;
}

/**
 * The HTTP server's own deadlines: a slow client may hold a connection this long at most (Node's
 * default is 300 s for the body), checked every second rather than Node's 30 s. Options of
 * `http.createServer`, since Node enforces them before any middleware runs.
 */
export function serverTimeouts(options: TimeoutOptions = {}): ServerOptions {
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  return {
    requestTimeout,
    headersTimeout: Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout),
    connectionsCheckingInterval: 1000,
  };
}
