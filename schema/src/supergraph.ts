import { Supergraph } from '@apollo/federation-internals';
import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';
import { readFieldPolicies, type FieldPolicies } from './privacy/policies';

/** The schema clients see: the supergraph without its join and link machinery. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** The `@sensitive` policies of every field, read from the supergraph (the API schema drops them). */
export function policiesOfSupergraph(supergraphSdl: string): FieldPolicies {
  return readFieldPolicies(buildASTSchema(parse(supergraphSdl), { assumeValid: true, assumeValidSDL: true }));
}
