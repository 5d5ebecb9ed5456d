import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';
import type { SharedCache } from '../shared-cache';

export interface PublicResponseCacheOptions {
  /** How long a response is served from the cache, in milliseconds; invalidation is by this alone. */
  readonly ttlMs: number;
  /** Where responses are kept: memory by default, Redis when configured so replicas share them. */
  readonly cache: SharedCache;
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
  const { cache } = options;
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.caller.role !== 'anonymous') return;
      let key: string | undefined;
      return {
        async responseForOperation(requestContext) {
          if (requestContext.operation?.operation !== 'query') return null;
          key = `${contextValue.caller.clientApp ?? ''}\n${requestContext.queryHash}\n${requestContext.operationName ?? ''}\n${JSON.stringify(requestContext.request.variables ?? {})}`;
          const hit = await cache.get(key);
          if (hit === undefined) return null;
          // Kept serialised, so no later hook can change what the next caller gets.
          return { http: requestContext.response.http, body: { kind: 'single', singleResult: JSON.parse(hit) as Record<string, unknown> } };
        },
        async willSendResponse(requestContext) {
          const body = requestContext.response.body;
          if (key === undefined || body.kind !== 'single' || body.singleResult.errors?.length || !body.singleResult.data) return;
          if ((requestContext.response.http.status ?? 200) !== 200) return;
          await cache.set(key, JSON.stringify({ data: body.singleResult.data }), { ttl: options.ttlMs / 1000 });
        },
      };
    },
  };
}
