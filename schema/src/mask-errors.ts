import { isErrorCode } from './errors';
import type { GraphQLFormattedError } from 'graphql';

/**
 * Errors with a registry code pass as they are; anything else is an unexpected failure whose
 * message could leak internals (SQL, file paths, personal data), so it leaves as INTERNAL_SERVER_ERROR.
 */
export function maskUnexpectedErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.['code'];
  if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  return {
    message: 'Internal server error.',
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: {
      code: 'INTERNAL_SERVER_ERROR',
      ...(formatted.extensions?.['stacktrace'] ? { stacktrace: formatted.extensions['stacktrace'] } : {}),
    },
  };
}
