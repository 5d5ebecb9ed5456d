import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { RequestHandler } from 'express';
import type { Authenticated } from '../auth';
import type { GatewayContext } from '../context';
import { recordOf } from './errors';

/**
 * `/graphql` itself: Apollo Server, with the context built from what the pipeline found. A caller
 * whose credentials were refused gets the refusal here, as a GraphQL error.
 */
export function graphqlEndpoint(server: ApolloServer<GatewayContext>): RequestHandler {
  return expressMiddleware(server, {
    context: async ({ res }) => {
      if (res.locals['authError']) throw res.locals['authError'];
      const authenticated = res.locals['auth'] as Authenticated;
      const record = recordOf(res);
      return {
        caller: authenticated.caller,
        requestId: record.requestId,
        record,
        ...(authenticated.apiKeyId ? { apiKeyId: authenticated.apiKeyId } : {}),
      };
    },
  });
}
