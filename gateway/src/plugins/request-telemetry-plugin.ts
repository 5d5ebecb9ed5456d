import type { ApolloServerPlugin } from '@apollo/server';
import { isErrorCode } from '@liangling/schema';
import { isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import type { GatewayContext, RequestRecord } from '../context';

/**
 * Fills in the request's {@link RequestRecord} (operation, caller role, error codes, denied fields)
 * from what Apollo Server saw, for the one log line and the metrics written when the HTTP response
 * ends. Register it after the plugins that add errors to the response (privacy), so it sees them.
 */
export function requestTelemetryPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async contextCreationDidFail() {
      // The HTTP layer records the credentials' failure itself: it saw them.
    },
    async unexpectedErrorProcessingRequest({ requestContext }) {
      requestContext.contextValue.record?.errorCodes.push('INTERNAL_SERVER_ERROR');
    },
    async requestDidStart({ contextValue }) {
      const record: RequestRecord | undefined = contextValue.record;
      if (!record) return;
      record.role = contextValue.caller.role;
      return {
        async didResolveOperation({ operationName, operation }) {
          record.operationName = operationName ?? undefined;
          record.operationType = operation?.operation;
        },
        async willSendResponse({ response, operationName, schema }) {
          if (operationName && !record.operationName) record.operationName = operationName;
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          for (const error of errors ?? []) {
            const code = error.extensions?.['code'];
            record.errorCodes.push(isErrorCode(code) ? code : 'INTERNAL_SERVER_ERROR');
            const field = error.extensions?.['field'];
            // Only a coordinate of the schema becomes a label: never an alias or another client string.
            if (code === 'FORBIDDEN_FIELD' && typeof field === 'string' && isCoordinate(schema, field)) record.deniedFields.push(field);
          }
        },
      };
    },
  };
}

function isCoordinate(schema: GraphQLSchema, coordinate: string): boolean {
  const [typeName, fieldName, ...rest] = coordinate.split('.');
  const type = typeName ? schema.getType(typeName) : undefined;
  return rest.length === 0 && !!fieldName && (isObjectType(type) || isInterfaceType(type)) && fieldName in type.getFields();
}
