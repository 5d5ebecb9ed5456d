import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { Household as HouseholdRow } from './generated/prisma/client';

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
