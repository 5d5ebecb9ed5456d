import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import type { RepairRequest as RepairRequestRow } from './generated/prisma/client';
import type { Context } from './context';
import { RepairRequest, visibleTo } from './repair-request';

/** The residents department's entity, seen from here: a key and the requests still open in it. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Building {
  @Field(() => ID)
  id!: string;
}

@Resolver(() => Building)
export class BuildingRequestsResolver {
  @FieldResolver(() => [RepairRequest], { description: 'Repair requests in the building still being handled, the longest waiting first.' })
  async openRequests(@Root() building: Building, @Ctx() context: Context): Promise<RepairRequestRow[]> {
    return (await context.loaders.openRequestsByBuilding.load(building.id)).filter((row) => visibleTo(context.caller, row));
  }
}

/** Any building id is a valid reference here: residents owns buildings, this department only adds to them. */
export function resolveBuilding(reference: { id?: unknown }): Building {
  return { id: String(reference.id) };
}
