import { ListSize, Sensitive } from '@liangling/kit';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { seenInPerson } from './access';
import type { Context } from './context';
import type { RepairRequest as RepairRequestRow } from './generated/prisma/client';
import { ResidentReference } from './references';
import { RepairRequest } from './repair-request';

/** The residents department's entity, seen from here: a key and the requests a resident submitted. */
@Resolver(() => ResidentReference)
export class ResidentRequestsResolver {
  @ListSize({ slicingArguments: ['first'], assumedSize: 100 })
  @FieldResolver(() => [RepairRequest], {
    nullable: true,
    description:
      'Repair requests this resident submitted, newest first, each only where the caller could read who submitted it; null with an error when the requests service is down, so the rest of a resident list stands.',
  })
  // Each item says "this resident filed this request": decided like `RepairRequest.submittedBy`, item by item.
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'submittedById', each: true })
  async repairRequests(
    @Root() resident: ResidentReference,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: 10, description: 'At most this many, the newest (up to 100).' }) first: number,
  ): Promise<RepairRequestRow[]> {
    return (await context.loaders.requestsBySubmitter.load(resident.id)).filter((row) => seenInPerson(context.caller, row)).slice(0, first);
  }
}
