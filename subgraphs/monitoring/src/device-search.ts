import { ConnectionType, Sensitive, pageArgs, toConnection, type ConnectionShape } from '@liangling/kit';
import { codedError, type Caller } from '@liangling/schema';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from './context';
import { Device } from './device';
import { DeviceKind, DeviceStatus } from './device-kind';
import type { Device as DeviceRow, Prisma } from './generated/prisma/client';

/** A page of devices (`devices`). */
export const DeviceConnection = ConnectionType('Device', Device);

/** Who may list devices: staff and internal jobs (the early-warning engine). Where they are stays INTERNAL. */
const LISTING_ROLES: ReadonlySet<Caller['role']> = new Set(['grid_worker', 'community_staff', 'department_officer', 'auditor', 'service']);

@Resolver(() => Device)
export class DeviceSearchResolver {
  @Query(() => DeviceConnection, {
    nullable: true,
    description:
      'Devices by id, narrowed by status (as the heartbeat sweep left it), kinds, and last reading before a moment: `devices(status: OFFLINE, lastSeenBefore: …)` lists those silent for longer than that. Staff only.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async devices(
    @Ctx() context: Context,
    @Arg('status', () => DeviceStatus, { nullable: true }) status?: DeviceStatus | null,
    @Arg('kinds', () => [DeviceKind], { nullable: true, description: 'Only these kinds; all when omitted.' }) kinds?: DeviceKind[] | null,
    @Arg('lastSeenBefore', () => Date, { nullable: true, description: 'Only devices whose last reading is older than this (or that never sent one).' })
    lastSeenBefore?: Date | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first = 100,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ConnectionShape<DeviceRow>> {
    if (!LISTING_ROLES.has(context.caller.role)) throw codedError('FORBIDDEN', 'Listing devices is for staff.');
    const { take, afterKey } = pageArgs(first, after);
    const where: Prisma.DeviceWhereInput = {
      ...(status ? { status } : {}),
      ...(kinds && kinds.length > 0 ? { kind: { in: kinds } } : {}),
      ...(lastSeenBefore ? { OR: [{ lastSeenAt: { lt: lastSeenBefore } }, { lastSeenAt: null }] } : {}),
      ...(afterKey ? { id: { gt: afterKey } } : {}),
    };
    const rows = await context.db.device.findMany({ where, orderBy: { id: 'asc' }, take: take + 1 });
    return toConnection(rows, take, (row) => row.id);
  }
}
