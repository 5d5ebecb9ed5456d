import { ListSize, Sensitive } from '@liangling/kit';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Building } from './building';
import type { Context } from './context';
import type { Building as BuildingRow, Household as HouseholdRow, Resident as ResidentRow } from './generated/prisma/client';
import { Household, type HouseholdRecord } from './household';
import { Resident } from './resident';

export function resolveHousehold(reference: { id?: unknown }, context: Context): Promise<HouseholdRecord | null> {
  return context.loaders.household.load(String(reference.id));
}

@Resolver(() => Household)
export class HouseholdResolver {
  @Query(() => Household, { nullable: true, description: 'One household by id.' })
  household(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<HouseholdRecord | null> {
    return context.loaders.household.load(id);
  }

  @FieldResolver(() => Building, { nullable: true })
  building(@Root() household: HouseholdRow, @Ctx() context: Context): Promise<BuildingRow | null> {
    return context.loaders.building.load(household.buildingId);
  }

  @ListSize({ assumedSize: 20 })
  @FieldResolver(() => [Resident], { nullable: true, description: 'Who lives here: for the members themselves and the staff of the grid.' })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'members' })
  members(@Root() household: HouseholdRow, @Ctx() context: Context): Promise<ResidentRow[]> {
    return context.loaders.householdMembers.load(household.id);
  }
}
