import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { PRIVACY_DIRECTIVE_SDL, SENSITIVE_DIRECTIVE, subgraphLinkHeader } from '@liangling/schema';
import {
  Kind,
  buildSchema as buildSdlSchema,
  parse,
  print,
  visit,
  type ConstArgumentNode,
  type GraphQLDirective,
  type GraphQLSchema,
} from 'graphql';
import { buildSchema, createResolversMap, getMetadataStorage } from 'type-graphql';
import type { SomeDepartment } from '../department';
import { applyPrivacy } from '../privacy/middleware';
import { enforceListSizes } from './list-size';

const PRIVACY_DIRECTIVE = buildSdlSchema(PRIVACY_DIRECTIVE_SDL).getDirective(SENSITIVE_DIRECTIVE) as GraphQLDirective;

/**
 * type-graphql wants a PubSub as soon as a schema has a subscription; departments' subscriptions bring
 * their own `subscribe` functions (an event source of the department), so topics are never used.
 */
const NO_PUB_SUB = {
  publish: () => undefined,
  subscribe: (): AsyncIterable<unknown> => {
    throw new Error('subscriptions here give `subscribe`, not `topics`');
  },
};

const FEDERATION_IMPORTS = [
  '@key',
  '@shareable',
  '@external',
  '@requires',
  '@provides',
  '@inaccessible',
  '@composeDirective',
  '@listSize',
  '@cost',
];

export interface DepartmentSchema {
  /** The executable subgraph schema, privacy enforced. */
  readonly schema: GraphQLSchema;
  /** The subgraph SDL as composition sees it. */
  readonly sdl: string;
}

/**
 * type-graphql classes → a Federation 2 subgraph: print the schema with its directives, prepend the
 * `@link`s (federation and our privacy spec), build it as a subgraph with the same resolvers plus the
 * reference resolvers, then wrap every `@sensitive` field with the privacy middleware.
 */
export async function buildDepartmentSchema(department: SomeDepartment): Promise<DepartmentSchema> {
  forgetFieldsOfEarlierBuilds();
  const typeGraphqlSchema = await buildSchema({
    resolvers: department.resolvers as unknown as [Function, ...Function[]],
    orphanedTypes: [...(department.orphanedTypes ?? [])],
    // Knowing the directive's definition, the printer writes its enum arguments as enums.
    directives: [PRIVACY_DIRECTIVE],
    skipCheck: true,
    validate: false,
    pubSub: NO_PUB_SUB,
  });
  const printed = nameSecretOwner(printSchemaWithDirectives(typeGraphqlSchema), department.code);
  const sdl = `${subgraphLinkHeader(FEDERATION_IMPORTS)}\n\n${printed.trim()}\n`;
  const resolvers = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, resolveReference] of Object.entries(department.entities)) {
    resolvers[typeName] = { ...resolvers[typeName], __resolveReference: resolveReference };
  }
  const subgraph = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers as never }]);
  return {
    schema: applyPrivacy(enforceListSizes(subgraph), {
      department: department.code,
      scopes: department.scopes,
      ...(department.grants ? { grants: department.grants } : {}),
    }),
    sdl,
  };
}

/**
 * type-graphql clones its metadata for each schema, but shallowly: the first build caches each type's
 * field list on the shared definition, and every build then pushes the field resolvers of its own
 * resolver classes into that list. A type shared by several departments in one process (the kit's
 * `DepartmentReference` and entity references such as `RegionReference`, to which each adds its own
 * fields) would so carry every earlier department's fields into the next one's schema. Forgetting
 * the cached lists makes each build start from the type's own `@Field`s and add only its resolvers'
 * fields.
 */
function forgetFieldsOfEarlierBuilds(): void {
  const storage = getMetadataStorage() as unknown as { objectTypes: { fields?: unknown }[]; interfaceTypes: { fields?: unknown }[] };
  for (const definition of [...storage.objectTypes, ...storage.interfaceTypes]) delete definition.fields;
}

/**
 * Writes the owning department into every SECRET `@sensitive` that does not name one, so that the
 * gateway, reading the supergraph, knows whose secret each field is.
 */
function nameSecretOwner(sdl: string, code: string): string {
  const document = visit(parse(sdl), {
    Directive(node) {
      if (node.name.value !== SENSITIVE_DIRECTIVE) return undefined;
      const args = node.arguments ?? [];
      const secret = args.some((arg) => arg.name.value === 'level' && arg.value.kind === Kind.ENUM && arg.value.value === 'SECRET');
      if (!secret || args.some((arg) => arg.name.value === 'department')) return undefined;
      const department: ConstArgumentNode = {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: 'department' },
        value: { kind: Kind.STRING, value: code },
      };
      return { ...node, arguments: [...args, department] };
    },
  });
  return print(document);
}
