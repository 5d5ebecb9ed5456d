import type { ApolloServerPlugin } from '@apollo/server';
import { codedError } from '@liangling/schema';
import type { GatewayContext } from '../context';
import { sha256Hex, type TrustedDocuments } from '../trusted-documents';

/**
 * Who is held to the trusted documents: nobody, callers that present an API key (third-party apps
 * and partners), or everyone.
 */
export type SafelistMode = 'off' | 'api-keys' | 'all';

export interface TrustedDocumentsPluginOptions {
  /** The trusted documents, by the sha256 of their text. */
  readonly documents: TrustedDocuments;
  /** @default 'api-keys' */
  readonly safelist?: SafelistMode;
}

/**
 * Trusted documents. A request may send only `extensions.persistedQuery.sha256Hash` (Apollo's format,
 * so clients that speak automatic persisted queries work unchanged): a hash of the manifest runs its
 * document; an unknown hash gets Apollo Server's PERSISTED_QUERY_NOT_FOUND. Callers the safelist covers
 * may run only the manifest's documents: anything else is refused with OPERATION_NOT_ALLOWED before
 * it is planned.
 */
export function trustedDocumentsPlugin(options: TrustedDocumentsPluginOptions): ApolloServerPlugin<GatewayContext> {
  const safelist = options.safelist ?? 'api-keys';
  return {
    async requestDidStart({ request }) {
      const hash = (request.extensions?.['persistedQuery'] as { sha256Hash?: unknown } | undefined)?.sha256Hash;
      // Filled in before Apollo Server reads the request, which then checks the hash as for any APQ.
      if (request.query === undefined && typeof hash === 'string') {
        const document = options.documents.get(hash);
        if (document !== undefined) request.query = document;
      }
      return {
        async didResolveOperation({ source, contextValue }) {
          const restricted = safelist === 'all' || (safelist === 'api-keys' && contextValue.apiKeyId !== undefined);
          if (!restricted || options.documents.has(sha256Hex(source))) return;
          throw codedError(
            'OPERATION_NOT_ALLOWED',
            'This client may run only the trusted documents; send the hash of one (extensions.persistedQuery.sha256Hash).',
          );
        },
      };
    },
  };
}
