// A client's subscription, turned into what the gateway runs for it: the upstream subscription it
// shares with other clients (the root field and its arguments, selecting only the entity's key), and
// the query it runs for each event with the client's own credentials (the client's selection, on the
// entity fetched by its key), so that planning, privacy and audit apply per event as to any query.
import {
  Kind,
  getNamedType,
  isObjectType,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';

/** The variable the event query takes the entity's key in; a client cannot name it (`__` is reserved). */
export const EVENT_KEY_VARIABLE = '__eventKey';

export interface EventPlan {
  /** The subscription field, and the response key the client expects its value under. */
  readonly field: string;
  readonly responseKey: string;
  /** The upstream subscription: the root field with the client's arguments, selecting `id`. */
  readonly upstream: { readonly query: string; readonly variables: Record<string, unknown> };
  /** The query run per event: `query ($__eventKey: ID!, …) { <responseKey>: <lookup>(id: $__eventKey) { …selection } }`. */
  readonly eventQuery: string;
  /** The client's variables the event query uses (the key is added per event). */
  readonly eventVariables: Record<string, unknown>;
}

export type EventPlanResult = { readonly ok: true; readonly plan: EventPlan } | { readonly ok: false; readonly message: string };

/** The variables a piece of a document uses. */
function variablesUsed(nodes: readonly (FieldNode | FragmentDefinitionNode)[]): Set<string> {
  const used = new Set<string>();
  for (const node of nodes) {
    visit(node, {
      Variable(variable) {
        used.add(variable.name.value);
      },
    });
  }
  return used;
}

/**
 * The Query field that fetches one entity of a type by its id, e.g. `alert(id: ID!): Alert` for
 * `Alert`: its one required argument is `id: ID!`.
 */
export function lookupFieldFor(schema: GraphQLSchema, typeName: string): string | undefined {
  const fields = schema.getQueryType()?.getFields() ?? {};
  for (const field of Object.values(fields)) {
    if (getNamedType(field.type).name !== typeName) continue;
    const required = field.args.filter((arg) => arg.type.toString().endsWith('!') && arg.defaultValue === undefined);
    if (required.length === 1 && required[0]?.name === 'id' && required[0].type.toString() === 'ID!') return field.name;
  }
  return undefined;
}

/**
 * Plans a client's subscription document (already validated against the schema): one subscription
 * operation with one root field, whose type is an entity with a lookup by id.
 */
export function planEvents(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string,
): EventPlanResult {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName
    ? operations.find((each) => each.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation)
    return {
      ok: false,
      message: operationName ? `No operation named ${operationName}.` : 'Name the operation to run (the document has several).',
    };
  if (operation.operation !== 'subscription')
    return { ok: false, message: 'This endpoint serves subscriptions; send queries and mutations to /graphql.' };
  const roots = operation.selectionSet.selections;
  const root = roots[0];
  if (roots.length !== 1 || root?.kind !== Kind.FIELD)
    return { ok: false, message: 'A subscription selects exactly one root field, without fragments.' };
  if (root.directives?.length) return { ok: false, message: 'A subscription’s root field takes no directives.' };
  const field = schema.getSubscriptionType()?.getFields()[root.name.value];
  if (!field) return { ok: false, message: `Subscription has no field ${root.name.value}.` };
  const entity = getNamedType(field.type);
  const lookup = isObjectType(entity) ? lookupFieldFor(schema, entity.name) : undefined;
  if (!lookup || !root.selectionSet)
    return { ok: false, message: `Subscription.${field.name} is not served through the gateway (its type has no lookup by id).` };
  if ((operation.variableDefinitions ?? []).some((definition) => definition.variable.name.value.startsWith('__')))
    return { ok: false, message: 'Variable names starting with __ are reserved.' };

  const fragments = document.definitions.filter(
    (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
  );
  const definitionsUsing = (used: Set<string>): VariableDefinitionNode[] =>
    (operation.variableDefinitions ?? []).filter((definition) => used.has(definition.variable.name.value));
  const pick = (used: Set<string>) => Object.fromEntries(Object.entries(variables).filter(([name]) => used.has(name)));

  // Upstream: the root field with its arguments, asking only for the key.
  const argumentVariables = variablesUsed([{ ...root, selectionSet: undefined } as FieldNode]);
  const upstreamDocument: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: 'subscription' as OperationDefinitionNode['operation'],
        variableDefinitions: definitionsUsing(argumentVariables),
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: [
            {
              kind: Kind.FIELD,
              name: root.name,
              arguments: root.arguments ?? [],
              selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'id' } }] },
            },
          ],
        },
      } as OperationDefinitionNode,
    ],
  };

  // Per event: the client's selection on the entity, fetched by its key.
  const selectionVariables = variablesUsed([{ ...root, arguments: [] }, ...fragments]);
  const responseKey = root.alias?.value ?? root.name.value;
  const keyVariable = { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: EVENT_KEY_VARIABLE } } as const;
  const eventOperation = {
    kind: Kind.OPERATION_DEFINITION,
    operation: 'query',
    ...(operation.name ? { name: { kind: Kind.NAME, value: `${operation.name.value}Event` } } : {}),
    variableDefinitions: [
      {
        kind: Kind.VARIABLE_DEFINITION,
        variable: keyVariable,
        type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } },
      },
      ...definitionsUsing(selectionVariables),
    ],
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [
        {
          kind: Kind.FIELD,
          alias: { kind: Kind.NAME, value: responseKey },
          name: { kind: Kind.NAME, value: lookup },
          arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'id' }, value: keyVariable }],
          selectionSet: root.selectionSet,
        },
      ],
    },
  } as OperationDefinitionNode;
  const eventQuery = print({ kind: Kind.DOCUMENT, definitions: [eventOperation, ...fragments] });
  return {
    ok: true,
    plan: {
      field: field.name,
      responseKey,
      upstream: { query: print(upstreamDocument), variables: pick(argumentVariables) },
      eventQuery,
      eventVariables: pick(selectionVariables),
    },
  };
}
