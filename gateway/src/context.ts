import type { Caller } from '@liangling/schema';

/** What one HTTP request did, filled in by the plugins and logged (and counted) when the response ends. */
export interface RequestRecord {
  /** The client's `x-request-id` (or a new one): logs and the echoed header, a correlation hint. */
  readonly requestId: string;
  /** The gateway's own id of the request, whatever the client sent: the id of its access records. */
  readonly gatewayRequestId?: string;
  readonly startedAt: bigint;
  /** Role of the caller, once known; never the token or any personal value. */
  role?: string;
  /** The API key's id (not the key), when the request carried one. */
  apiKeyId?: string;
  operationName?: string;
  operationType?: string;
  /** Registry codes of the errors in the response, in order. */
  readonly errorCodes: string[];
  /** `Type.field` of each FORBIDDEN_FIELD error in the response. */
  readonly deniedFields: string[];
  /** Operations in the HTTP request (more than one for a batch). */
  operations: number;
}

/** Per-request state of the gateway. */
export interface GatewayContext {
  readonly caller: Caller;
  readonly requestId: string;
  /** The id of the API key the request carried, if any: such callers may be held to the safelist. */
  readonly apiKeyId?: string;
  /** Filled in by the plugins for the request log and metrics. */
  readonly record?: RequestRecord;
}
