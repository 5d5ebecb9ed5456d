// The department's request log, through pino: one line per GraphQL request at `debug` (the gateway
// logs every request at `info` already; a department's line is for following one request through),
// and every unexpected error at `error` with its stack, which the response masks. Each line carries the
// gateway's request id, the id a gateway log line and the access records carry too.
import type { ApolloServerPlugin } from '@apollo/server';
import { isErrorCode } from '@liangling/schema';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { DepartmentContext } from './context';

/** Logs each request of the department and what went wrong unexpectedly. */
export function requestLogPlugin(logger: Logger): ApolloServerPlugin<DepartmentContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      const codes: string[] = [];
      const base = () => ({
        requestId: contextValue.requestId,
        ...(contextValue.correlationId ? { correlationId: contextValue.correlationId } : {}),
        role: contextValue.caller.role,
      });
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.['code'];
            codes.push(isErrorCode(code) ? code : 'INTERNAL_SERVER_ERROR');
            if (!isErrorCode(code) || code === 'INTERNAL_SERVER_ERROR') {
              logger.error(
                {
                  event: 'unexpected_error',
                  ...base(),
                  operation: operationName ?? null,
                  path: error.path?.join('.') ?? null,
                  err: originalOf(error),
                },
                'unexpected error (masked in the response)',
              );
            }
          }
        },
        async willSendResponse({ operationName }) {
          if (!logger.isLevelEnabled('debug')) return;
          logger.debug(
            { event: 'request', ...base(), operation: operationName ?? null, ms: Math.round(performance.now() - started), errors: codes },
            'request',
          );
        },
      };
    },
  };
}

/** What was thrown, beneath graphql-js's wrapping (its stack is where the fault is). */
function originalOf(error: GraphQLError): Error {
  return error.originalError instanceof Error ? error.originalError : error;
}
