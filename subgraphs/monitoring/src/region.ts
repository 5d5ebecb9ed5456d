import { RegionReference, Sensitive, underPath } from '@liangling/kit';
import type { RowScope } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Alert } from './alert';
import { AlertStatus } from './alert-kind';
import type { Context } from './context';
import type { Alert as AlertRow } from './generated/prisma/client';
import { EMERGENCY } from './places';

/** Alerts of a region are the emergency department's records, about no one in particular (INTERNAL). */
export function regionScope(): RowScope {
  return { subjectIds: [], departments: [EMERGENCY] };
}

@Resolver(() => RegionReference)
export class RegionAlertsResolver {
  @FieldResolver(() => [Alert], { nullable: true, description: 'Alerts whose place lies in the region, newest first (at most `first`, up to 500); staff only.' })
  @Sensitive({ level: 'INTERNAL' })
  async alerts(
    @Root() region: RegionReference,
    @Ctx() context: Context,
    @Arg('status', () => AlertStatus, { nullable: true }) status?: AlertStatus,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ): Promise<AlertRow[]> {
    const row = await context.loaders.region.load(region.id);
    if (!row) return [];
    return context.db.alert.findMany({
      where: { regionPath: underPath(row.path), ...(status ? { status } : {}) },
      orderBy: [{ raisedAt: 'desc' }, { id: 'asc' }],
      take: Math.min(Math.max(first, 0), 500),
    });
  }
}
