import express, { type RequestHandler } from 'express';

export interface BodyLimitOptions {
  /** Largest JSON body accepted (a size `bytes` understands, e.g. '1mb'); larger is REQUEST_TOO_LARGE (answered by `httpErrors()`). @default '1mb' */
  readonly limit?: string;
}

/** Parses a JSON body up to `limit`; a body too large or not JSON reaches the error handler at the end of the pipeline. */
export function bodyLimit(options: BodyLimitOptions = {}): RequestHandler {
  return express.json({ limit: options.limit ?? '1mb' });
}
