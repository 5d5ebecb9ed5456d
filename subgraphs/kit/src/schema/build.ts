import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { PRIVACY_DIRECTIVE_SDL, SENSITIVE_DIRECTIVE, subgraphLinkHeader } from '@liangling/schema';
import { buildSchema as buildSdlSchema, parse, type GraphQLDirective, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import type { Department } from '../department';
import { applyPrivacy } from '../privacy/middleware';

const PRIVACY_DIRECTIVE = buildSdlSchema(PRIVACY_DIRECTIVE_SDL).getDirective(SENSITIVE_DIRECTIVE) as GraphQLDirective;

const FEDERATION_IMPORTS = ['@key', '@shareable', '@external', '@requires', '@provides', '@inaccessible', '@composeDirective'];

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
export async function buildDepartmentSchema(department: Department<any, any, any>): Promise<DepartmentSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: department.resolvers as unknown as [Function, ...Function[]],
    // Knowing the directive's definition, the printer writes its enum arguments as enums.
    directives: [PRIVACY_DIRECTIVE],
    skipCheck: true,
    validate: false,
  });
  const sdl = `${subgraphLinkHeader(FEDERATION_IMPORTS)}\n\n${printSchemaWithDirectives(typeGraphqlSchema).trim()}\n`;
  const resolvers = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, resolveReference] of Object.entries(department.entities)) {
    resolvers[typeName] = { ...resolvers[typeName], __resolveReference: resolveReference };
  }
  const subgraph = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers as never }]);
  return { schema: applyPrivacy(subgraph, { department: department.code, scopes: department.scopes }), sdl };
}
