import type { ErrorCode } from './generated/error-codes';

/** Where in the response an error applies: field names and list indexes from the root. */
export type ResponsePath = readonly (string | number)[];

/** One error as the gateway sends it (GraphQL over HTTP). */
export interface GraphQLErrorPayload {
  readonly message: string;
  readonly path?: ResponsePath;
  readonly locations?: readonly { readonly line: number; readonly column: number }[];
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/**
 * A code a {@link LianglingError} carries: a code of the graph's error registry, or `NETWORK_ERROR`,
 * which no server sends: the SDK's own, for a response that never arrived or was not GraphQL.
 */
export type LianglingErrorCode = ErrorCode | 'NETWORK_ERROR';

/** What travels with an error besides its code and message. */
export interface ErrorDetails {
  readonly path?: ResponsePath | undefined;
  readonly extensions?: Readonly<Record<string, unknown>> | undefined;
  /** HTTP status of the response that carried the error. */
  readonly status?: number | undefined;
  /** The response's data beside the error: for `request()`, the parts of the result that did succeed. */
  readonly data?: unknown;
  /** Every error of the response, when `request()` threw this one. */
  readonly errors?: readonly LianglingError[] | undefined;
  readonly cause?: unknown;
}

/** Any failure the SDK reports. Switch on `code`, or test the subclass with `instanceof`. */
export class LianglingError extends Error {
  override name = 'LianglingError';
  readonly code: LianglingErrorCode;
  readonly path: ResponsePath | undefined;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly status: number | undefined;
  /** When `request()` threw this error: the response's data, the parts that did succeed (typed as the operation's result, with nulls where it failed). */
  readonly data: unknown;
  /** When `request()` threw this error: every error of the response, one per GraphQL error; otherwise empty. */
  readonly errors: readonly LianglingError[];

  constructor(code: LianglingErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.path = details.path;
    this.extensions = details.extensions ?? {};
    this.status = details.status;
    this.data = details.data;
    this.errors = details.errors ?? [];
  }
}

/**
 * FORBIDDEN_FIELD: the caller may not see some fields here. Their values are `null`; the rest of
 * `data` stands. Carries every denied path of the response, and the `Type.field` names denied.
 */
export class PrivacyDeniedError extends LianglingError {
  override name = 'PrivacyDeniedError';
  declare readonly code: 'FORBIDDEN_FIELD';
  readonly deniedPaths: readonly ResponsePath[];
  readonly deniedFields: readonly string[];

  constructor(denied: readonly GraphQLErrorPayload[], details: ErrorDetails = {}) {
    const deniedPaths = denied.flatMap((error) => (error.path ? [error.path] : []));
    const deniedFields = [
      ...new Set(denied.flatMap((error) => (typeof error.extensions?.['field'] === 'string' ? [error.extensions['field']] : []))),
    ];
    const message =
      denied.length === 1 && denied[0]
        ? denied[0].message
        : `${denied.length} fields are not visible to this caller: ${deniedPaths.map((path) => path.join('.')).join(', ')}.`;
    super('FORBIDDEN_FIELD', message, { path: deniedPaths[0], extensions: denied[0]?.extensions, ...details });
    this.deniedPaths = deniedPaths;
    this.deniedFields = deniedFields;
  }
}

/** Who is calling is unknown (bad or expired token), unverified, or not allowed this operation. */
export class AuthError extends LianglingError {
  override name = 'AuthError';
  declare readonly code:
    'UNAUTHENTICATED' | 'INVALID_CALLER_CONTEXT' | 'FORBIDDEN' | 'FORBIDDEN_ARGUMENT' | 'OPERATION_NOT_ALLOWED' | 'INTROSPECTION_DISABLED';
}

/** The request itself is wrong: syntax, a field the schema lacks, an invalid argument, or beyond the gateway's limits. Nothing was written. */
export class BadInputError extends LianglingError {
  override name = 'BadInputError';
  declare readonly code:
    | 'BAD_USER_INPUT'
    | 'GRAPHQL_VALIDATION_FAILED'
    | 'GRAPHQL_PARSE_FAILED'
    | 'OPERATION_RESOLUTION_FAILURE'
    | 'BAD_REQUEST'
    | 'MAX_DEPTH_EXCEEDED'
    | 'MAX_ALIASES_EXCEEDED'
    | 'MAX_ROOT_FIELDS_EXCEEDED'
    | 'MAX_TOKENS_EXCEEDED'
    | 'COST_LIMIT_EXCEEDED'
    | 'REQUEST_TOO_LARGE'
    | 'RESULT_TOO_LARGE'
    | 'BATCH_LIMIT_EXCEEDED';
}

/**
 * RATE_LIMITED: this client sent too many requests. `retryAfter` is how many seconds the gateway
 * asked it to wait (from `extensions.retryAfter` or the `Retry-After` header), when it said.
 * The client waits that long and retries on its own when the request may be retried; this error
 * reaches the app only when the wait is longer than the client's `retry.maxRetryAfter` or the
 * retries ran out.
 */
export class RateLimitedError extends LianglingError {
  override name = 'RateLimitedError';
  declare readonly code: 'RATE_LIMITED';
  readonly retryAfter: number | undefined;

  constructor(message: string, details: ErrorDetails & { readonly retryAfter?: number | undefined } = {}) {
    super('RATE_LIMITED', message, details);
    const fromExtensions = Number(details.extensions?.['retryAfter']);
    this.retryAfter = details.retryAfter ?? (Number.isFinite(fromExtensions) && fromExtensions >= 0 ? fromExtensions : undefined);
  }
}

/** No GraphQL response: the gateway could not be reached, or answered with something that is not GraphQL. */
export class NetworkError extends LianglingError {
  override name = 'NetworkError';
  declare readonly code: 'NETWORK_ERROR';
  constructor(message: string, details: ErrorDetails = {}) {
    super('NETWORK_ERROR', message, details);
  }
}

type ErrorKind = 'auth' | 'input' | 'privacy' | 'rateLimit' | 'other';

/**
 * How the SDK files each registry code. Typed against the registry, so a code added there fails
 * this build until the SDK decides what it is; the SDK needs no runtime import of the registry.
 */
const KIND_BY_CODE = {
  GRAPHQL_PARSE_FAILED: 'input',
  GRAPHQL_VALIDATION_FAILED: 'input',
  BAD_USER_INPUT: 'input',
  OPERATION_RESOLUTION_FAILURE: 'input',
  BAD_REQUEST: 'input',
  UNAUTHENTICATED: 'auth',
  INVALID_CALLER_CONTEXT: 'auth',
  FORBIDDEN: 'auth',
  FORBIDDEN_FIELD: 'privacy',
  // A refused argument ends the field (no partial data to keep), as a refused operation does.
  FORBIDDEN_ARGUMENT: 'auth',
  NOT_FOUND: 'other',
  CONFLICT: 'other',
  // The client answers it itself by sending the full document; an app sees it only from a gateway
  // that keeps no documents at all.
  PERSISTED_QUERY_NOT_FOUND: 'other',
  OPERATION_NOT_ALLOWED: 'auth',
  INTROSPECTION_DISABLED: 'auth',
  MAX_DEPTH_EXCEEDED: 'input',
  MAX_ALIASES_EXCEEDED: 'input',
  MAX_ROOT_FIELDS_EXCEEDED: 'input',
  MAX_TOKENS_EXCEEDED: 'input',
  COST_LIMIT_EXCEEDED: 'input',
  REQUEST_TOO_LARGE: 'input',
  RESULT_TOO_LARGE: 'input',
  BATCH_LIMIT_EXCEEDED: 'input',
  RATE_LIMITED: 'rateLimit',
  // A daily quota of the resident, not the client's request rate: retrying soon does not help.
  SUBMISSION_LIMIT_EXCEEDED: 'other',
  SUBGRAPH_UNAVAILABLE: 'other',
  // The gateway refused before any work: safe to retry after `retryAfter` seconds, as a network error is.
  OVERLOADED: 'other',
  AUDIT_UNAVAILABLE: 'other',
  PURPOSE_NOT_ALLOWED: 'auth',
  INTERNAL_SERVER_ERROR: 'other',
} as const satisfies Record<ErrorCode, ErrorKind>;

function codeOf(error: GraphQLErrorPayload): ErrorCode {
  const code = error.extensions?.['code'];
  // The gateway masks anything unregistered; an unknown code means a newer graph than this SDK.
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(KIND_BY_CODE, code)
    ? (code as ErrorCode)
    : 'INTERNAL_SERVER_ERROR';
}

/** The typed error for one GraphQL error of a response. */
export function fromGraphQLError(error: GraphQLErrorPayload, details: ErrorDetails = {}): LianglingError {
  const code = codeOf(error);
  const all: ErrorDetails = { path: error.path, extensions: error.extensions, ...details };
  switch (KIND_BY_CODE[code]) {
    case 'privacy':
      return new PrivacyDeniedError([error], details);
    case 'auth':
      return new AuthError(code, error.message, all);
    case 'rateLimit':
      return new RateLimitedError(error.message, all);
    case 'input':
      return new BadInputError(code, error.message, all);
    case 'other':
      return new LianglingError(code, error.message, all);
  }
}

/**
 * The one error `request()` throws for a response that has errors: the first that is not a privacy
 * denial (it says why the request, or a part of it, failed); otherwise one PrivacyDeniedError with
 * every denied path. Either way it carries the partial `data` and all the response's `errors`.
 */
export function responseError(payloads: readonly GraphQLErrorPayload[], details: Omit<ErrorDetails, 'errors'>): LianglingError {
  const errors = payloads.map((payload) => fromGraphQLError(payload, { status: details.status }));
  const failing = payloads.find((payload) => codeOf(payload) !== 'FORBIDDEN_FIELD');
  if (failing) return fromGraphQLError(failing, { ...details, errors });
  return new PrivacyDeniedError(payloads, { ...details, errors });
}
