import { Kind, parse, valueFromASTUntyped } from 'graphql';

export interface SubgraphEndpoint {
  readonly name: string;
  readonly url: string;
}

/** The subgraphs a supergraph names (`enum join__Graph` with `@join__graph(name, url)`). */
export function subgraphsOf(supergraphSdl: string): SubgraphEndpoint[] {
  const endpoints: SubgraphEndpoint[] = [];
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((node) => node.name.value === 'join__graph');
      const args = Object.fromEntries((directive?.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value)]));
      if (typeof args['name'] === 'string' && typeof args['url'] === 'string') endpoints.push({ name: args['name'], url: args['url'] });
    }
  }
  return endpoints;
}
