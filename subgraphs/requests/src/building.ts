import { BuildingReference, ListSize } from '@liangling/kit';
import { decide } from '@liangling/schema';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RepairRequest as RepairRequestRow } from './generated/prisma/client';
import type { Context } from './context';
import { RepairRequest, requestScope, visibleTo } from './repair-request';

/** The residents department's entity, seen from here: a key and the requests still open in it. */
@Resolver(() => BuildingReference)
export class BuildingRequestsResolver {
  @ListSize({ assumedSize: 100 })
  @FieldResolver(() => [RepairRequest], {
    description:
      'Repair requests in the building still being handled, the longest waiting first: those the caller may see in person (their own, assigned to them, or in their jurisdiction). A list is a count: for anyone else it would recompute the protected `Region.requestStats`, so it is empty.',
  })
  async openRequests(@Root() building: BuildingReference, @Ctx() context: Context): Promise<RepairRequestRow[]> {
    // A row counted is a fact learned: only rows whose personal fields the caller could read (docs/statistics.md).
    const seen = (row: RepairRequestRow) => decide(context.caller, { level: 'PERSONAL', mask: 'NULL' }, requestScope(row, 'contactPhone')) === 'REVEAL';
    return (await context.loaders.openRequestsByBuilding.load(building.id)).filter((row) => visibleTo(context.caller, row) && seen(row));
  }
}
