import { GraphQLError } from 'graphql';

/**
 * Every error code the graph can return, with what it means and the HTTP status it travels with
 * when it ends a whole request. Gateway, subgraphs and SDK all read this one table.
 */
export const ERRORS = {
  GRAPHQL_PARSE_FAILED: { status: 400, meaning: 'The document is not valid GraphQL syntax.' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, meaning: 'The document does not fit the schema the caller may see.' },
  BAD_USER_INPUT: { status: 200, meaning: 'An argument or input field is invalid; the message names it. Nothing was written.' },
  OPERATION_RESOLUTION_FAILURE: {
    status: 400,
    meaning: 'The request names an operation the document does not hold, or holds several and names none.',
  },
  BAD_REQUEST: { status: 400, meaning: 'The HTTP request itself is malformed.' },
  UNAUTHENTICATED: {
    status: 401,
    meaning: 'The credentials are missing where required, malformed, expired or not signed by a trusted key.',
  },
  INVALID_CALLER_CONTEXT: { status: 401, meaning: 'A subgraph was called without a valid caller context signed by the gateway.' },
  FORBIDDEN: { status: 200, meaning: 'The caller may not perform this operation.' },
  PURPOSE_NOT_ALLOWED: {
    status: 403,
    meaning: 'The declared purpose is not one the caller’s role may declare, or differs from the one its token was issued for.',
  },
  FORBIDDEN_FIELD: { status: 200, meaning: 'The caller may not see this field here; its value is null, the rest of the response stands.' },
  FORBIDDEN_ARGUMENT: {
    status: 200,
    meaning:
      'The caller may not filter, search or order by this argument (`extensions.argument`): using it would tell what reading the field it tests would not. Refused before any data is read.',
  },
  NOT_FOUND: { status: 200, meaning: 'The requested record does not exist or is not visible to the caller.' },
  CONFLICT: { status: 200, meaning: 'The operation does not fit the record’s current state; nothing was changed.' },
  AUDIT_UNAVAILABLE: {
    status: 200,
    meaning: 'The access record could not be written, so personal values in the response were masked (fail closed).',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    status: 200,
    meaning:
      'The request sent only a document hash, and the gateway knows no document by it; send the document itself, or a hash from the trusted-documents manifest.',
  },
  OPERATION_NOT_ALLOWED: {
    status: 403,
    meaning: 'This caller may run only the trusted documents (the safelist), and the document is not one of them.',
  },
  INTROSPECTION_DISABLED: { status: 403, meaning: 'Schema introspection is not available to anonymous callers here.' },
  MAX_DEPTH_EXCEEDED: { status: 400, meaning: 'The operation nests fields deeper than the gateway allows.' },
  MAX_ALIASES_EXCEEDED: { status: 400, meaning: 'The operation uses more aliases than the gateway allows.' },
  MAX_ROOT_FIELDS_EXCEEDED: { status: 400, meaning: 'The operation asks for more root fields than the gateway allows.' },
  MAX_TOKENS_EXCEEDED: { status: 400, meaning: 'The document has more GraphQL tokens than the gateway parses.' },
  COST_LIMIT_EXCEEDED: {
    status: 400,
    meaning: 'The operation’s estimated cost (objects it may return, from `first` arguments and default list sizes) is above the limit.',
  },
  REQUEST_TOO_LARGE: { status: 413, meaning: 'The request body is larger than the gateway accepts.' },
  RESULT_TOO_LARGE: {
    status: 200,
    meaning:
      'A list would hold more items than its declared size (`@listSize`) or a page argument asks for more than the list allows; nothing of it was returned. Ask with narrower arguments.',
  },
  BATCH_LIMIT_EXCEEDED: { status: 400, meaning: 'The HTTP request batches more operations than the gateway allows (or batching is off).' },
  SUBMISSION_LIMIT_EXCEEDED: {
    status: 200,
    meaning:
      'The resident already made as many submissions of this kind (repair requests, petitions, opinions) in the last 24 hours as one resident may; `extensions.limit` says how many. Nothing was written.',
  },
  RATE_LIMITED: {
    status: 429,
    meaning:
      'The caller sent too many requests; `extensions.retryAfter` (and the Retry-After header) says after how many seconds to try again.',
  },
  OVERLOADED: {
    status: 503,
    meaning:
      'The gateway is past its capacity (or, with `extensions.serviceName`, past what it sends that department at once) and refused the request, or that department’s part of it, before any work on it; the Retry-After header (and `extensions.retryAfter`) says after how many seconds to try again.',
  },
  SUBGRAPH_UNAVAILABLE: { status: 200, meaning: 'A department service did not answer; its part of the response is missing.' },
  INTERNAL_SERVER_ERROR: { status: 500, meaning: 'An unexpected error; details are in the server log under the request id.' },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ErrorCode = keyof typeof ERRORS;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, code);
}

/**
 * A GraphQL error carrying a registry code (and, for errors that end a request, its HTTP status).
 * The only way the project builds an error for a caller.
 */
export function codedError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
  path?: readonly (string | number)[],
): GraphQLError {
  const status = ERRORS[code].status;
  // A coded error is an expected outcome (a denied field is data until the response is assembled): no
  // stack trace is captured for it, which under load was a few per cent of a department's CPU.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(message, {
      ...(path ? { path } : {}),
      extensions: { code, ...extensions, ...(status !== 200 ? { http: { status } } : {}) },
    });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}
