import { MapperKind, mapSchema, pruneSchema } from '@graphql-tools/utils';
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLObjectType,
  GraphQLScalarType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLArgumentConfig,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLSchema,
} from 'graphql';
import type { Caller } from './caller';
import type { FieldPolicies } from './policies';
import type { FieldPolicy } from './decide';

/**
 * The API schemas callers are given, by who they are:
 * - `public`: anonymous callers and third-party apps, PUBLIC fields only;
 * - `partner`: partner organisations, no SECRET fields;
 * - `government`: staff, no SECRET fields but their own department's;
 * - `full`: residents, for whom any field may be about themselves (the source decides each row).
 */
export const AUDIENCES = ['public', 'partner', 'government', 'full'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The audiences whose contracts are committed under `schema/contracts/`. */
export const PUBLISHED_AUDIENCES = ['public', 'partner', 'government'] as const satisfies readonly Audience[];

export function audienceOf(caller: Caller): Audience {
  switch (caller.role) {
    case 'anonymous':
      return 'public';
    case 'partner':
      return 'partner';
    case 'resident':
      return 'full';
    default:
      return 'government';
  }
}

function keeps(audience: Audience, policy: FieldPolicy | undefined, department: string | undefined): boolean {
  if (!policy) return true;
  switch (audience) {
    case 'public':
      return policy.level === 'PUBLIC';
    case 'partner':
      return policy.level !== 'SECRET';
    case 'government':
      // A list decided item by item (a resident's petitions) stays: the government-service app asks it
      // for the resident themselves, and every item is still decided at the gateway and the source.
      return policy.level !== 'SECRET' || !!policy.each || (!!department && policy.department === department);
    case 'full':
      return true;
  }
}

/**
 * An audience's contract: the API schema without the fields the audience may never know exist, and
 * without the types left unreachable. A query naming a removed field fails validation as for an
 * unknown field, and introspection does not show it.
 * @param department for `government`, the caller's department, whose SECRET fields stay.
 */
export function buildContract(apiSchema: GraphQLSchema, policies: FieldPolicies, audience: Audience, department?: string): GraphQLSchema {
  if (audience === 'full') return apiSchema;
  const filter = (typeName: string, fieldName: string) => keeps(audience, policies.get(`${typeName}.${fieldName}`), department);
  const filtered = mapSchema(apiSchema, {
    // Anonymous callers write nothing: no mutation, and so no input type a staff mutation takes.
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) =>
      filter(typeName, fieldName) && !(audience === 'public' && typeName === 'Mutation') ? field : null,
    [MapperKind.INTERFACE_FIELD]: (field, fieldName, typeName) => (filter(typeName, fieldName) ? field : null),
  });
  return withoutHiddenNames(pruneSchema(filtered), apiSchema);
}

/** Every name of a schema: types, fields, arguments, input fields, enum values, and `Type.field`. */
function namesOf(schema: GraphQLSchema): Set<string> {
  const names = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    names.add(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        names.add(field.name);
        names.add(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) names.add(arg.name);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) names.add(value.name);
  }
  return names;
}

/**
 * Descriptions are written once for the whole graph, so one may name a field that an audience's
 * contract lacks (`Household.members` in a building's description). Such sentences are dropped from
 * that contract: its descriptions then name nothing its audience cannot see.
 */
function withoutHiddenNames(contract: GraphQLSchema, apiSchema: GraphQLSchema): GraphQLSchema {
  const visible = namesOf(contract);
  const all = namesOf(apiSchema);
  const hidden = (name: string) => all.has(name) && !visible.has(name);
  const clean = (description: string | null | undefined): string | undefined => {
    if (!description) return description ?? undefined;
    const sentences = description.split(/(?<=[.;:!?。])\s+/u);
    const kept = sentences.filter(
      (sentence) => ![...sentence.matchAll(/`([^`]+)`/g)].some(([, code]) => (code!.match(/[A-Za-z_][\w.]*/g) ?? []).some(hidden)),
    );
    return kept.length === sentences.length ? description : kept.join(' ').replace(/[;:]$/, '.') || undefined;
  };
  const cleanArgs = (args: GraphQLFieldConfigArgumentMap | undefined) =>
    args &&
    Object.fromEntries(
      Object.entries(args).map(([name, arg]): [string, GraphQLArgumentConfig] => [name, { ...arg, description: clean(arg.description) }]),
    );
  return mapSchema(contract, {
    [MapperKind.OBJECT_TYPE]: (type) => new GraphQLObjectType({ ...type.toConfig(), description: clean(type.description) }),
    [MapperKind.INPUT_OBJECT_TYPE]: (type) => new GraphQLInputObjectType({ ...type.toConfig(), description: clean(type.description) }),
    [MapperKind.ENUM_TYPE]: (type) => new GraphQLEnumType({ ...type.toConfig(), description: clean(type.description) }),
    [MapperKind.SCALAR_TYPE]: (type) => new GraphQLScalarType({ ...type.toConfig(), description: clean(type.description) }),
    [MapperKind.OBJECT_FIELD]: (field) => ({ ...field, description: clean(field.description), args: cleanArgs(field.args) ?? {} }),
    [MapperKind.INTERFACE_FIELD]: (field) => ({ ...field, description: clean(field.description), args: cleanArgs(field.args) ?? {} }),
    [MapperKind.INPUT_OBJECT_FIELD]: (field) => ({ ...field, description: clean(field.description) }),
  });
}
