import { maskUnexpectedErrors } from '@liangling/schema';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { trustedSubgraphError } from './subgraph-errors';

export interface FormatErrorOptions {
  /** Error codes of foreign subgraphs passed as they are, with `serviceName`. @default none */
  readonly trustedSubgraphErrorCodes?: readonly string[];
  /** Stack traces leave only in development. */
  readonly development: boolean;
  /** Where unexpected errors are logged, in full. */
  readonly logger: Logger;
}

/**
 * Apollo Server's `formatError`: registry codes leave as they are, a trusted foreign code with its
 * service's name, anything else as INTERNAL_SERVER_ERROR (logged under the request's line), and a
 * subgraph's stack trace never in production.
 */
export function formatErrors(options: FormatErrorOptions): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  const { development, logger } = options;
  const trustedCodes = new Set(options.trustedSubgraphErrorCodes ?? []);
  return (formatted, error) => {
    const trusted = trustedCodes.size > 0 ? trustedSubgraphError(formatted, trustedCodes, development) : undefined;
    if (trusted) return trusted;
    const masked = maskUnexpectedErrors(formatted);
    // The caller sees a code; the operator sees what happened, under the request's log line.
    if (masked !== formatted) logger.error({ err: error }, 'unexpected error');
    // A subgraph's own stack trace arrives as an extension: in production it never leaves.
    if (!development && masked.extensions?.['stacktrace'] !== undefined) {
      const { stacktrace: _stacktrace, ...extensions } = masked.extensions;
      return { ...masked, extensions };
    }
    return masked;
  };
}
