import { MapperKind, mapSchema, pruneSchema } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
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
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => (filter(typeName, fieldName) ? field : null),
    [MapperKind.INTERFACE_FIELD]: (field, fieldName, typeName) => (filter(typeName, fieldName) ? field : null),
  });
  return pruneSchema(filtered);
}
