import { OrganisationReference, Sensitive, pageArgs, toConnection, type ConnectionShape } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RepairRequest as RepairRequestRow } from './generated/prisma/client';
import type { Context } from './context';
import { AssignedRequestConnection, RequestStatus } from './repair-request';

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
    const { caller } = context;
    if (caller.role === 'partner' && caller.organisation !== organisation.id) {
      throw codedError('FORBIDDEN', 'A partner sees only the requests dispatched to its own organisation.');
    }
    const { take, afterKey } = pageArgs(first, after);
    const cursor = afterKey ? parseCursor(afterKey) : undefined;
    const rows = await context.db.repairRequest.findMany({
      where: {
        assigneeId: organisation.id,
        ...(status ? { status } : {}),
        ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: take + 1,
    });
    return toConnection(rows, take, (row) => `${row.createdAt.toISOString()}|${row.id}`);
  }
}

function parseCursor(key: string): { createdAt: Date; id: string } {
  const [at, id] = key.split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) throw codedError('BAD_USER_INPUT', 'after is not a cursor this connection gave out.', { argument: 'after' });
  return { createdAt, id };
}
