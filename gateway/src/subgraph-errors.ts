import type { GraphQLFormattedError } from 'graphql';

/**
 * A foreign subgraph's own error, passed to the caller when its code is one the operator trusts
 * (`TRUSTED_SUBGRAPH_ERROR_CODES`): its message, path and code, and `serviceName` (the subgraph it
 * came from), nothing else of its extensions, and a stack trace only in development. `undefined` for
 * any other error, which the registry's masking then handles (an unknown code leaves as
 * INTERNAL_SERVER_ERROR, as for our own supergraph).
 */
export function trustedSubgraphError(
  formatted: GraphQLFormattedError,
  trusted: ReadonlySet<string>,
  development: boolean,
): GraphQLFormattedError | undefined {
  const code = formatted.extensions?.['code'];
  const serviceName = formatted.extensions?.['serviceName'];
  if (typeof code !== 'string' || typeof serviceName !== 'string' || !trusted.has(code)) return undefined;
  const stacktrace = development ? formatted.extensions?.['stacktrace'] : undefined;
  return {
    message: formatted.message,
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code, serviceName, ...(stacktrace ? { stacktrace } : {}) },
  };
}
