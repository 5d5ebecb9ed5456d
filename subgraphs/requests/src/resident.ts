import { ListSize, ResidentReference } from '@liangling/kit';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RepairRequest as RepairRequestRow } from './generated/prisma/client';
import type { Context } from './context';
import { RepairRequest, visibleTo } from './repair-request';

/** The residents department's entity, seen from here: a key and the requests a resident submitted. */
@Resolver(() => ResidentReference)
export class ResidentRequestsResolver {
  @ListSize({ slicingArguments: ['first'], assumedSize: 100 })
  @FieldResolver(() => [RepairRequest], {
    nullable: true,
    description: 'Repair requests this resident submitted, newest first; null with an error when the requests service is down, so the rest of a resident list stands.',
  })
  async repairRequests(
    @Root() resident: ResidentReference,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: 10, description: 'At most this many, the newest (up to 100).' }) first: number,
  ): Promise<RepairRequestRow[]> {
    return (await context.loaders.requestsBySubmitter.load(resident.id)).filter((row) => visibleTo(context.caller, row)).slice(0, first);
  }
}
