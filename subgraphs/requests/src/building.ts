import { BuildingReference, ListSize } from '@liangling/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RepairRequest as RepairRequestRow } from './generated/prisma/client';
import type { Context } from './context';
import { RepairRequest, visibleTo } from './repair-request';

/** The residents department's entity, seen from here: a key and the requests still open in it. */
@Resolver(() => BuildingReference)
export class BuildingRequestsResolver {
  @ListSize({ assumedSize: 100 })
  @FieldResolver(() => [RepairRequest], { description: 'Repair requests in the building still being handled, the longest waiting first.' })
  async openRequests(@Root() building: BuildingReference, @Ctx() context: Context): Promise<RepairRequestRow[]> {
    return (await context.loaders.openRequestsByBuilding.load(building.id)).filter((row) => visibleTo(context.caller, row));
  }
}
