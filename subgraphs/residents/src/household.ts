import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Building as BuildingRow, Household as HouseholdRow } from './generated/prisma/client';
import type { Context } from './context';
import { Building } from './building';

@ObjectType({ description: 'A household (住户): a flat of a unit (单元) of a building.' })
@Directive('@key(fields: "id")')
export class Household {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  unit!: number;

  @Field()
  room!: string;

  buildingId!: string;
  gridId!: string;
}

export function resolveHousehold(reference: { id?: unknown }, context: Context): Promise<HouseholdRow | null> {
  return context.loaders.household.load(String(reference.id));
}

@Resolver(() => Household)
export class HouseholdResolver {
  @FieldResolver(() => Building, { nullable: true })
  building(@Root() household: HouseholdRow, @Ctx() context: Context): Promise<BuildingRow | null> {
    return context.loaders.building.load(household.buildingId);
  }
}
