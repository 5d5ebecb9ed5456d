import { Sensitive, underPath } from '@liangling/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import { Alert } from './alert';
import { mayListAt, recordListed } from './alert-privacy';
import type { Context } from './context';
import { AlertStatus } from './enums';
import type { Alert as AlertRow } from './generated/prisma/client';
import { RegionReference } from './references';

@Resolver(() => RegionReference)
export class RegionAlertsResolver {
  @FieldResolver(() => [Alert], {
    nullable: true,
    description:
      'Alerts whose place lies in the region and that the caller may know there, newest first (at most `first`, up to 500); staff only.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async alerts(
    @Root() region: RegionReference,
    @Ctx() context: Context,
    @Arg('status', () => AlertStatus, { nullable: true }) status?: AlertStatus,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<AlertRow[]> {
    const row = await context.loaders.region.load(region.id);
    if (!row) return [];
    const rows = await context.db.alert.findMany({
      where: { regionPath: underPath(row.path), ...(status ? { status } : {}) },
      orderBy: [{ raisedAt: 'desc' }, { id: 'asc' }],
      take: Math.min(Math.max(first, 0), 500),
    });
    // Being listed under a place says the alert is there: only alerts whose place the caller may know.
    const listed = rows.filter((alert) => mayListAt(context.caller, alert));
    if (info) recordListed(context, listed, info);
    return listed;
  }
}
