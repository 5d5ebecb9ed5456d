import { GraphQLError } from 'graphql';

/**
 * Every error code the graph can return, with what it means and the HTTP status it travels with
 * when it ends a whole request. Gateway, subgraphs and SDK all read this one table.
 */
export const ERRORS = {
  GRAPHQL_PARSE_FAILED: { status: 400, meaning: 'The document is not valid GraphQL syntax.' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, meaning: 'The document does not fit the schema the caller may see.' },
  BAD_USER_INPUT: { status: 200, meaning: 'An argument or input field is invalid; the message names it. Nothing was written.' },
  OPERATION_RESOLUTION_FAILURE: { status: 400, meaning: 'The request names an operation the document does not hold, or holds several and names none.' },
  BAD_REQUEST: { status: 400, meaning: 'The HTTP request itself is malformed.' },
  UNAUTHENTICATED: { status: 401, meaning: 'The credentials are missing where required, malformed, expired or not signed by a trusted key.' },
  INVALID_CALLER_CONTEXT: { status: 401, meaning: 'A subgraph was called without a valid caller context signed by the gateway.' },
  FORBIDDEN: { status: 200, meaning: 'The caller may not perform this operation.' },
  FORBIDDEN_FIELD: { status: 200, meaning: 'The caller may not see this field here; its value is null, the rest of the response stands.' },
  NOT_FOUND: { status: 200, meaning: 'The requested record does not exist or is not visible to the caller.' },
  CONFLICT: { status: 200, meaning: 'The operation does not fit the record’s current state; nothing was changed.' },
  AUDIT_UNAVAILABLE: { status: 200, meaning: 'The access record could not be written, so personal values in the response were masked (fail closed).' },
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
  return new GraphQLError(message, {
    ...(path ? { path } : {}),
    extensions: { code, ...extensions, ...(status !== 200 ? { http: { status } } : {}) },
  });
}
