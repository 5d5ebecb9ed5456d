import { type ConnectionShape, ConnectionType, pageArgs, Sensitive, toConnection, underPath } from '@liangling/kit';
import { codedError, type Caller } from '@liangling/schema';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { Prisma, RepairRequest as RepairRequestRow } from './generated/prisma/client';
import type { Context } from './context';
import { RepairCategory, RepairRequest } from './repair-request';

/** A page of the requests made in a region (`repairRequests`). */
export const RepairRequestConnection = ConnectionType('RepairRequest', RepairRequest);

/**
 * Who may list a region's requests: staff and internal jobs (the early-warning engine). Partners see
 * only what is dispatched to them (`Organisation.assignedRequests`); residents their own (`me`).
 */
const LISTING_ROLES: ReadonlySet<Caller['role']> = new Set(['grid_worker', 'community_staff', 'department_officer', 'auditor', 'service']);

@Resolver(() => RepairRequest)
export class RepairRequestSearchResolver {
  @Query(() => RepairRequestConnection, {
    nullable: true,
    description:
      'Repair requests made in a region (and every region under it), newest first, narrowed to some categories and to a period [from, to) of submission; resolved and closed ones included. Staff and internal jobs only; each field as the privacy rules allow for the row.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async repairRequests(
    @Arg('regionId', () => ID) regionId: string,
    @Ctx() context: Context,
    @Arg('categories', () => [RepairCategory], { nullable: true, description: 'Only these categories; all when omitted.' }) categories?: RepairCategory[] | null,
    @Arg('from', () => Date, { nullable: true, description: 'Submitted at or after.' }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true, description: 'Submitted before (exclusive).' }) to?: Date | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ConnectionShape<RepairRequestRow>> {
    if (!LISTING_ROLES.has(context.caller.role)) throw codedError('FORBIDDEN', 'Listing a region’s repair requests is for staff.');
    if (from && to && from.getTime() >= to.getTime()) throw codedError('BAD_USER_INPUT', '`from` must be before `to`.', { argument: 'from' });
    const { take, afterKey } = pageArgs(first, after);
    const region = await context.loaders.regionPath.load(regionId);
    if (!region) throw codedError('NOT_FOUND', `There is no region ${regionId}.`, { argument: 'regionId' });
    const where: Prisma.RepairRequestWhereInput = {
      regionPath: underPath(region.path),
      ...(categories && categories.length > 0 ? { category: { in: categories } } : {}),
      ...(from || to ? { createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {}),
    };
    const cursor = afterKey ? parseCursor(afterKey) : undefined;
    const rows = await context.db.repairRequest.findMany({
      where: cursor ? { AND: [where, { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }] } : where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: take + 1,
    });
    return toConnection(rows, take, (row) => `${row.createdAt.toISOString()}|${row.id}`);
  }
}

function parseCursor(key: string): { createdAt: Date; id: string } {
  const bar = key.indexOf('|');
  const createdAt = new Date(key.slice(0, bar));
  const id = key.slice(bar + 1);
  if (bar < 0 || !id || Number.isNaN(createdAt.getTime())) throw codedError('BAD_USER_INPUT', 'after is not a cursor this connection gave out.', { argument: 'after' });
  return { createdAt, id };
}
