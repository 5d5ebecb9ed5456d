import type { ApolloServerPlugin } from '@apollo/server';
import { codedError, policiesOfSupergraph, type FieldPolicies } from '@liangling/schema';
import type { GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../context';
import { SDK_APP, type LiveStore } from '../live-store';
import { sha256Hex } from '../trusted-documents';
import type { SafelistMode } from './trusted-documents-plugin';

/** The schema the gateway serves now, for checking published documents against its contracts. */
export interface ServedSchema {
  apiSchema?: GraphQLSchema;
  policies: FieldPolicies;
}

export interface AppDocumentsPluginOptions {
  /** The store of published documents and issued keys. */
  readonly live: LiveStore;
  /** Filled in with the schema as it loads, for `POST /apps/:app/documents` to check documents against. */
  readonly served: ServedSchema;
  /** Who is held to the documents: `off` holds no one. */
  readonly safelist: SafelistMode;
  /** Documents trusted with the published ones (by hash). @default none */
  readonly derived?: (hash: string) => boolean;
}

/**
 * Holds a key issued to an app to that app's published documents (every version) and the SDK's own:
 * another app's documents are as foreign to it as any other text. Keys from the configuration keep
 * the SDK's documents. Runs after trustedDocumentsPlugin(), which has already refused anything that
 * no app published. `derived` says which other documents are trusted with those: the per-event
 * queries of trusted subscriptions.
 */
export function appDocumentsPlugin(options: AppDocumentsPluginOptions): ApolloServerPlugin<GatewayContext> {
  const { live, served, safelist } = options;
  const derived = options.derived ?? (() => false);
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ apiSchema, coreSupergraphSdl }) {
          served.apiSchema = apiSchema;
          served.policies = coreSupergraphSdl ? policiesOfSupergraph(coreSupergraphSdl) : new Map();
        },
      };
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ source, contextValue }) {
          if (safelist === 'off' || contextValue.apiKeyId === undefined) return;
          const hash = sha256Hex(source);
          if (live.mayRun(contextValue.apiKeyId, hash) || derived(hash)) return;
          const app = live.appOfKey(contextValue.apiKeyId) ?? SDK_APP;
          throw codedError(
            'OPERATION_NOT_ALLOWED',
            `This key may run only the documents published for the app "${app}" (liangling publish --app ${app}).`,
          );
        },
      };
    },
  };
}
