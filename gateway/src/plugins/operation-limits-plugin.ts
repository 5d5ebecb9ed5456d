import type { ApolloServerPlugin } from '@apollo/server';
import { codedError } from '@liangling/schema';
import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../context';
import type { ExpensiveLane } from '../expensive-lane';
import {
  DEFAULT_LIMITS,
  checkMeasure,
  listSizesOf,
  measureOperation,
  type ListSizes,
  type OperationLimits,
  type OperationMeasure,
} from '../limits';

/** Variable sets whose measure is kept per operation. */
const MEASURES_PER_OPERATION = 16;

export interface OperationLimitsPluginOptions extends Omit<OperationLimits, 'maxTokens' | 'maxBatchSize'> {
  /** The lane expensive operations wait in for their turn, if any. @default none */
  readonly expensiveLane?: ExpensiveLane | false;
}

/**
 * Refuses a request whose operation cannot be told (a name the document lacks, several and none named)
 * with OPERATION_RESOLUTION_FAILURE, and operations that are too deep, too aliased, too wide at the root or too expensive (see
 * {@link OperationLimits}), each with its own code, once the operation is resolved and before the
 * gateway plans or fetches anything. List sizes come from the supergraph's `@listSize` declarations.
 * The operations of one batched HTTP request share one cost allowance: once their summed estimate
 * passes `maxCost`, the rest are refused. Expensive operations (estimated at the lane's cost or more)
 * then wait for their turn in the {@link ExpensiveLane}, so that few of them run at once. Tokens and batch sizes are bounded earlier, at the HTTP
 * layer, since they must be refused before parsing.
 */
export function operationLimitsPlugin(options: OperationLimitsPluginOptions = {}): ApolloServerPlugin<GatewayContext> {
  const defaultListSize = options.defaultListSize ?? DEFAULT_LIMITS.defaultListSize;
  const maxCost = options.maxCost ?? DEFAULT_LIMITS.maxCost;
  let listSizes: ListSizes = new Map();
  // What the operations of one HTTP request have spent so far. Apollo Server gives each operation of
  // a batch a shallow copy of the context, so the request's record (one object) is the key.
  const spent = new WeakMap<object, number>();
  const lane = options.expensiveLane || undefined;
  // An operation's measure depends on it, its variables and the schema only; Apollo Server parses a
  // document once and hands its requests the same tree, so each (operation, variables) is measured once
  // per schema (a few variable sets per operation kept: beyond them, measured each time).
  let measured = new WeakMap<OperationDefinitionNode, Map<string, OperationMeasure>>();
  const measureOnce = (operation: OperationDefinitionNode, variables: Record<string, unknown>, measure: () => OperationMeasure) => {
    const key = JSON.stringify(variables);
    let byVariables = measured.get(operation);
    const known = byVariables?.get(key);
    if (known) return known;
    const fresh = measure();
    if (!byVariables) measured.set(operation, (byVariables = new Map()));
    if (byVariables.size < MEASURES_PER_OPERATION) byVariables.set(key, fresh);
    return fresh;
  };
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
          listSizes = coreSupergraphSdl ? listSizesOf(coreSupergraphSdl) : new Map();
          measured = new WeakMap();
        },
      };
    },
    async requestDidStart() {
      let leave: (() => void) | undefined;
      return {
        async didResolveOperation({ operation, document, schema, request, contextValue }) {
          // Apollo Server leaves this to the executor, and the gateway's executor throws: it would be a 500.
          if (!operation) {
            const name = request.operationName;
            throw codedError(
              'OPERATION_RESOLUTION_FAILURE',
              name
                ? `The document has no operation named "${name}".`
                : 'The document holds several operations: name the one to run (operationName).',
              name ? { operationName: name } : {},
            );
          }
          const variables = request.variables ?? {};
          const measure = measureOnce(operation, variables, () => {
            const fragments = new Map<string, FragmentDefinitionNode>();
            for (const definition of document.definitions)
              if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
            return measureOperation(schema, operation, { fragments, variables, listSizes, defaultListSize });
          });
          const result = checkMeasure(measure, options);
          if (!result.ok) throw codedError(result.code, result.message, { limit: result.limit, actual: result.actual });
          const httpRequest = contextValue.record ?? contextValue;
          const total = (spent.get(httpRequest) ?? 0) + measure.cost;
          if (total > maxCost) {
            throw codedError(
              'COST_LIMIT_EXCEEDED',
              `The operations of this batch together cost ${total}; the limit for one request is ${maxCost}.`,
              { limit: maxCost, actual: total },
            );
          }
          spent.set(httpRequest, total);
          // Planned and fetched only in its turn.
          if (lane && measure.cost >= lane.options.cost) leave = await lane.enter();
        },
        async willSendResponse() {
          leave?.();
        },
      };
    },
  };
}
