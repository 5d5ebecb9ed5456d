import type { ApolloServerPlugin } from '@apollo/server';
import { codedError } from '@liangling/schema';
import { Kind, type FragmentDefinitionNode } from 'graphql';
import type { GatewayContext } from '../context';
import { DEFAULT_LIMITS, checkMeasure, measureOperation, type OperationLimits } from '../limits';

export type OperationLimitsPluginOptions = Omit<OperationLimits, 'maxTokens' | 'maxBatchSize'>;

/**
 * Refuses operations that are too deep, too aliased, too wide at the root or too expensive (see
 * {@link OperationLimits}), each with its own code, once the operation is resolved and before the
 * gateway plans or fetches anything. Tokens and batches are bounded earlier, at the HTTP layer, since
 * they must be refused before parsing.
 */
export function operationLimitsPlugin(options: OperationLimitsPluginOptions = {}): ApolloServerPlugin<GatewayContext> {
  const defaultListSize = options.defaultListSize ?? DEFAULT_LIMITS.defaultListSize;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request }) {
          if (!operation) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
          const measure = measureOperation(schema, operation, fragments, request.variables ?? {}, defaultListSize);
          const result = checkMeasure(measure, options);
          if (!result.ok) throw codedError(result.code, result.message, { limit: result.limit, actual: result.actual });
        },
      };
    },
  };
}
