import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { RequestRecord } from '../context';
import type { GatewayMetrics } from '../metrics';

export interface RequestRecordOptions {
  /** Where the request's line goes when its response has gone. */
  readonly logger: Logger;
  /** Counts the request by status, operation and error codes. @default none */
  readonly metrics?: GatewayMetrics;
}

/** A client's `x-request-id` is echoed and logged only when it looks like an id. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * One record per request (`res.locals.record`), filled in by the rest of the pipeline and the
 * plugins, then logged and counted when the response has gone. First on every GraphQL route.
 */
export function requestRecord(options: RequestRecordOptions): RequestHandler {
  const { logger, metrics } = options;
  return (req, res, next) => {
    const header = req.header('x-request-id');
    const record: RequestRecord = {
      requestId: header && REQUEST_ID.test(header) ? header : randomUUID(),
      gatewayRequestId: randomUUID(),
      startedAt: process.hrtime.bigint(),
      errorCodes: [],
      deniedFields: [],
      operations: 1,
    };
    res.locals['record'] = record;
    res.setHeader('x-request-id', record.requestId);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - record.startedAt) / 1e9;
      metrics?.observeRequest(record, res.statusCode, seconds);
      // Never the token, the key or any value: who (by role), what (by name), how it went.
      logger.info(
        {
          requestId: record.requestId,
          operationName: record.operationName ?? null,
          operationType: record.operationType ?? null,
          operations: record.operations,
          role: record.role ?? null,
          apiKeyId: record.apiKeyId ?? null,
          status: res.statusCode,
          durationMs: Math.round(seconds * 1e4) / 10,
          errorCodes: record.errorCodes,
        },
        'request',
      );
    });
    next();
  };
}
