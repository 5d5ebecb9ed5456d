import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Another department's entity as a department that does not own it sees it: its key, nothing more. */
export interface EntityReference {
  id: string;
}

/** A type-graphql class whose instances are `EntityReference`s. */
export type EntityReferenceClass = new () => EntityReference;

const classes = new Map<string, EntityReferenceClass>();

/**
 * The one class for `name` in this process, GraphQL type `name` with `@key(fields: "id")` and only
 * `id: ID!`. Every department that does not own the entity uses it, to return it and to add its own
 * field resolvers to it (`@Resolver(() => entityReference('Region'))`), so that the key is the same in
 * every subgraph; the build forgets each department's fields before the next (see `build.ts`).
 * Memoised: two classes of one GraphQL name would clash in a schema.
 */
export function entityReference(name: string): EntityReferenceClass {
  const known = classes.get(name);
  if (known) return known;
  @ObjectType(name)
  @Directive('@key(fields: "id")')
  class Reference implements EntityReference {
    @Field(() => ID)
    id!: string;
  }
  classes.set(name, Reference);
  return Reference;
}

/** Any id is a valid reference for a department that does not own the entity: the owner checks ids, this one only adds to them. */
export function resolveReferenceById(reference: { id?: unknown }): EntityReference {
  return { id: String(reference.id) };
}
