import type { ApolloServerPlugin } from '@apollo/server';
import { codedError, policiesOfSupergraph } from '@liangling/schema';
import type { GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../context';
import { AudienceContracts } from './privacy/contracts';
import { FieldPrecheck, nullDenied, type DeniedKeys } from './privacy/field-precheck';
import { answerIntrospection, introspectionContract } from './privacy/introspection-answer';

export interface PrivacyPluginOptions {
  /**
   * How many (document, audience) validations and (document, caller) pre-checks to remember, so a
   * repeated operation is checked once.
   * @default 1000
   */
  readonly cacheSize?: number;
}

/**
 * Privacy at the gateway, before any subgraph is called, in this order:
 * - **contracts** (privacy/contracts.ts): each caller validates against their audience's schema, so
 *   a field they may never know exists fails as an unknown field;
 * - **introspection** (privacy/introspection-answer.ts): answered from that contract, never from the
 *   full graph;
 * - **pre-check** (privacy/field-precheck.ts): a field the caller can see in no row at all is not
 *   fetched: it comes back null with FORBIDDEN_FIELD at its path, and the rest of the response is
 *   unaffected.
 * Row-level decisions stay with the subgraphs, at the source.
 */
export function privacyPlugin(options: PrivacyPluginOptions = {}): ApolloServerPlugin<GatewayContext> {
  const contracts = new AudienceContracts(options.cacheSize !== undefined ? { cacheSize: options.cacheSize } : {});
  const precheck = new FieldPrecheck(options.cacheSize !== undefined ? { cacheSize: options.cacheSize } : {});

  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ apiSchema, coreSupergraphSdl }) {
          contracts.load(apiSchema, coreSupergraphSdl ? policiesOfSupergraph(coreSupergraphSdl) : new Map());
          precheck.clear();
        },
      };
    },

    async requestDidStart() {
      let denied: DeniedKeys | undefined;
      let introspection: GraphQLSchema | undefined;
      return {
        async didResolveOperation(requestContext) {
          const { caller } = requestContext.contextValue;
          const errors = contracts.validate(requestContext.queryHash, requestContext.document, caller);
          if (errors.length > 0) {
            throw codedError('GRAPHQL_VALIDATION_FAILED', errors.map((error) => error.message).join(' '));
          }
          introspection = introspectionContract(requestContext, contracts.contractFor(caller));
          if (introspection) return;
          denied = precheck.apply(requestContext, contracts.schema, contracts.fieldPolicies);
        },

        async responseForOperation(requestContext) {
          return introspection ? answerIntrospection(requestContext, introspection) : null;
        },

        async willSendResponse(requestContext) {
          const body = requestContext.response.body;
          if (!denied || body.kind !== 'single' || !body.singleResult.data) return;
          const errors = nullDenied(body.singleResult.data, denied);
          if (errors.length > 0) body.singleResult.errors = [...(body.singleResult.errors ?? []), ...errors];
        },
      };
    },
  };
}
