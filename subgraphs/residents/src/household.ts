import { ListSize, pathIds, Sensitive } from '@liangling/kit';
import type { RowScope } from '@liangling/schema';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Building as BuildingRow, Household as HouseholdRow, Resident as ResidentRow } from './generated/prisma/client';
import type { Context } from './context';
import { Building } from './building';
import { Resident } from './resident';

@ObjectType({ description: 'A household (住户): a flat of a unit (单元) of a building. Who lives there is personal data.' })
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
  regionPath!: string;
}

/** A household row as the loader gives it: with its members, who are the subjects of its personal data. */
export type HouseholdRecord = HouseholdRow & { readonly memberIds?: readonly string[] };

/** Who and where a household is about: its members, in its grid. */
export function householdScope(row: HouseholdRecord): RowScope {
  return { subjectIds: row.memberIds ?? [], regionPath: pathIds(row.regionPath) };
}

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
