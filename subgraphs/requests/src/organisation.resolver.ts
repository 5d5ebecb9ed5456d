import { connection, keysetAfter, keysetOrderBy, Sensitive, type ConnectionShape } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { mayListAssigned } from './access';
import type { Context } from './context';
import { RequestStatus } from './enums';
import type { Prisma, RepairRequest as RepairRequestRow } from './generated/prisma/client';
import { OrganisationReference } from './references';
import { AssignedRequestConnection, NEWEST_FIRST } from './repair-request';

/** The neighbours department's entity, seen from here: a key and the requests dispatched to it. */
@Resolver(() => OrganisationReference)
export class OrganisationRequestsResolver {
  @FieldResolver(() => AssignedRequestConnection, {
    nullable: true,
    description: 'Requests dispatched to the organisation, newest first. A partner sees only its own organisation’s.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async assignedRequests(
    @Root() organisation: OrganisationReference,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('status', () => RequestStatus, { nullable: true }) status: RequestStatus | null,
  ): Promise<ConnectionShape<RepairRequestRow>> {
    if (!mayListAssigned(context.caller, organisation.id))
      throw codedError('FORBIDDEN', 'A partner sees only the requests dispatched to its own organisation.');
    return connection(
      { first, after },
      {
        key: ['date', 'string'],
        keyOf: (row) => [row.createdAt, row.id],
        load: ({ take, after: key }) =>
          context.db.repairRequest.findMany({
            where: {
              assigneeId: organisation.id,
              ...(status ? { status } : {}),
              ...keysetAfter<Prisma.RepairRequestWhereInput>(NEWEST_FIRST, key),
            },
            orderBy: keysetOrderBy<Prisma.RepairRequestOrderByWithRelationInput>(NEWEST_FIRST),
            take,
          }),
      },
    );
  }
}
