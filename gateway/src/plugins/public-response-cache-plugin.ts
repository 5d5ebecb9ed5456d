import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';

export interface PublicResponseCacheOptions {
  /** How long a response is served from memory, in milliseconds; invalidation is by this alone. */
  readonly ttlMs: number;
  /** Responses kept at most; the oldest goes first. @default 1000 */
  readonly maxEntries?: number;
}

/**
 * Whole responses to anonymous callers, kept for a short time: an app's public map asks the same
 * questions over and over, and every anonymous caller gets the same answer (the public contract
 * holds PUBLIC fields only, and statistics are protected the same way for all of them), so the
 * subgraphs need not be asked again within the TTL. Only queries, only responses without errors;
 * never for a caller with a token or a partner's key. The key is the caller's app, the document (its
 * hash, after the privacy rewrite), the operation name and the variables. Limits and the privacy
 * pre-check still run on every request: this only replaces execution.
 */
export function publicResponseCachePlugin(options: PublicResponseCacheOptions): ApolloServerPlugin<GatewayContext> {
  const maxEntries = options.maxEntries ?? 1000;
  // Serialised, so no later hook can change what the next caller gets.
  const entries = new Map<string, { readonly expiresAt: number; readonly json: string }>();
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.caller.role !== 'anonymous') return;
      let key: string | undefined;
      return {
        async responseForOperation(requestContext) {
          if (requestContext.operation?.operation !== 'query') return null;
          key = `${contextValue.caller.clientApp ?? ''}\n${requestContext.queryHash}\n${requestContext.operationName ?? ''}\n${JSON.stringify(requestContext.request.variables ?? {})}`;
          const hit = entries.get(key);
          if (!hit) return null;
          if (hit.expiresAt <= Date.now()) {
            entries.delete(key);
            return null;
          }
          return { http: requestContext.response.http, body: { kind: 'single', singleResult: JSON.parse(hit.json) as Record<string, unknown> } };
        },
        async willSendResponse(requestContext) {
          const body = requestContext.response.body;
          if (key === undefined || entries.has(key) || body.kind !== 'single' || body.singleResult.errors?.length || !body.singleResult.data) return;
          if ((requestContext.response.http.status ?? 200) !== 200) return;
          if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
          entries.set(key, { expiresAt: Date.now() + options.ttlMs, json: JSON.stringify({ data: body.singleResult.data }) });
        },
      };
    },
  };
}
