import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Entities the residents department owns, seen from here as keys. What this department adds to them
// lives in building.ts (devices) and region.ts (alerts); the classes are here, apart, so that device.ts
// and alert.ts can name them without importing the files that import them.

@ObjectType()
@Directive('@key(fields: "id")')
export class Region {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Building {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Household {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Resident {
  @Field(() => ID)
  id!: string;
}

/** Any id is a valid reference to an entity residents owns: this department only points at it. */
export function resolveKey(reference: { id?: unknown }): { id: string } {
  return { id: String(reference.id) };
}
