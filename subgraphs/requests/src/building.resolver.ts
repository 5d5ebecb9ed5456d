import { ListSize } from '@liangling/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { seenInPerson } from './access';
import type { Context } from './context';
import type { RepairRequest as RepairRequestRow } from './generated/prisma/client';
import { BuildingReference } from './references';
import { RepairRequest } from './repair-request';

/** The residents department's entity, seen from here: a key and the requests still open in it. */
@Resolver(() => BuildingReference)
export class BuildingRequestsResolver {
  @ListSize({ assumedSize: 100 })
  @FieldResolver(() => [RepairRequest], {
    description:
      'Repair requests in the building still being handled, the longest waiting first: those the caller may see in person (their own, assigned to them, or in their jurisdiction). A list is a count: for anyone else it would recompute the protected `Region.requestStats`, so it is empty.',
  })
  async openRequests(@Root() building: BuildingReference, @Ctx() context: Context): Promise<RepairRequestRow[]> {
    return (await context.loaders.openRequestsByBuilding.load(building.id)).filter((row) => seenInPerson(context.caller, row));
  }
}
