import type { ApolloServerPlugin } from '@apollo/server';
import { codedError, maskValue } from '@liangling/schema';
import type { DepartmentContext } from '../context';
import type { AuditSink } from './record';

/**
 * Writes the request's access records before the response leaves the subgraph, in one batch. If they
 * cannot be written, every value revealed in this request is masked again and the response says why:
 * no record, no reveal (fail closed).
 */
export function auditPlugin(options: {
  subgraph: string;
  sink: AuditSink;
  onError?: (error: unknown) => void;
}): ApolloServerPlugin<DepartmentContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const log = contextValue.reveals;
          if (!log || log.reveals.length === 0) return;
          const records = log.toRecords({
            at: new Date().toISOString(),
            requestId: contextValue.requestId,
            ...(contextValue.correlationId ? { correlationId: contextValue.correlationId } : {}),
            subgraph: options.subgraph,
            actor: contextValue.caller,
          });
          try {
            await options.sink.write(records);
          } catch (error) {
            options.onError?.(error);
            if (response.body.kind !== 'single') return;
            const result = response.body.singleResult;
            for (const reveal of log.reveals) maskAt(result.data, reveal.path, (value) => maskValue(reveal.mask, value));
            result.errors = [
              ...(result.errors ?? []),
              codedError('AUDIT_UNAVAILABLE', 'Personal data was masked: the access record could not be written.'),
            ];
          }
        },
      };
    },
  };
}

function maskAt(data: unknown, path: readonly (string | number)[], mask: (value: unknown) => unknown): void {
  let node = data as Record<string | number, unknown> | null | undefined;
  for (let i = 0; i < path.length - 1; i += 1) {
    if (typeof node !== 'object' || node === null) return;
    node = node[path[i] as string | number] as Record<string | number, unknown> | null | undefined;
  }
  const last = path.at(-1);
  if (typeof node === 'object' && node !== null && last !== undefined && last in node) node[last] = mask(node[last]);
}
