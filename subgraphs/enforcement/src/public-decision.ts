import { type ConnectionShape, ConnectionType, pageArgs, RegionReference, toConnection, underPath } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { CaseStatus, CaseType } from './enums';
import type { EnforcementCase as CaseRow, Prisma } from './generated/prisma/client';

/**
 * 行政处罚公示: what the public may know of a closed case. A type of its own, not a view of
 * `EnforcementCase`, so that nothing else of a case (party, officer, place, evidence) can be asked for
 * through it.
 */
@ObjectType({ description: 'A published enforcement decision (行政处罚公示): no party, no officer, no evidence.' })
export class PublicDecision {
  @Field()
  caseNumber!: string;

  @Field(() => CaseType)
  type!: CaseType;

  @Field(() => Date, { description: 'When the decision was made.' })
  decidedAt!: Date;

  @Field(() => Date, { description: 'When the case was closed and the decision published.' })
  closedAt!: Date;

  @Field({ description: 'The published summary of the decision.' })
  summary!: string;
}

const PublicDecisionConnection = ConnectionType('PublicDecision', PublicDecision);

const BELOW_DISTRICT: ReadonlySet<string> = new Set(['STREET', 'COMMUNITY', 'GRID']);

/** The district on a region's path (`/city/district/…/`). */
async function districtOf(context: Context, path: string) {
  const district = path.split('/').filter(Boolean)[1];
  return district ? context.loaders.region.load(district) : undefined;
}

@Resolver(() => PublicDecision)
export class PublicDecisionResolver {
  @Query(() => PublicDecisionConnection, { description: 'Published decisions of closed cases, newest first, in a region and everything under it; for anyone. A region below a district is widened to its district: a decision names no finer place.' })
  async publicDecisions(
    @Ctx() context: Context,
    @Arg('regionId', () => ID, { nullable: true }) regionId?: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConnectionShape<CaseRow>> {
    const { take, afterKey } = pageArgs(first, after);
    const asked = regionId ? await context.loaders.region.load(regionId) : undefined;
    if (asked === null) throw codedError('NOT_FOUND', `There is no region ${regionId}.`, { argument: 'regionId' });
    // A decision names its district and no finer place; a list narrowed below the district would count
    // a street's or grid's closed cases exactly, beside their protected statistics. So it is widened.
    const region = asked && BELOW_DISTRICT.has(asked.level) ? await districtOf(context, asked.path) : asked;
    const where: Prisma.EnforcementCaseWhereInput = {
      status: CaseStatus.CLOSED,
      closedAt: { not: null },
      publicSummary: { not: null },
      ...(region ? { regionPath: underPath(region.path) } : {}),
    };
    const rows = await context.db.enforcementCase.findMany({
      where: afterKey ? { AND: [where, afterClosed(afterKey)] } : where,
      orderBy: [{ closedAt: 'desc' }, { id: 'desc' }],
      take: take + 1,
    });
    return toConnection(rows, take, (row) => `${(row.closedAt as Date).toISOString()}|${row.id}`);
  }

  @FieldResolver(() => RegionReference, { description: 'The district (区) of the case: no finer place, so that no one is pointed at.' })
  district(@Root() row: CaseRow): RegionReference {
    return { id: row.districtId };
  }

  @FieldResolver(() => String)
  summary(@Root() row: CaseRow): string {
    return row.publicSummary ?? '';
  }
}

/** The rows after a cursor `closedAt|id` of a newest-first list. */
function afterClosed(key: string): Prisma.EnforcementCaseWhereInput {
  const bar = key.indexOf('|');
  const at = new Date(key.slice(0, bar));
  if (bar < 0 || Number.isNaN(at.getTime())) throw codedError('BAD_USER_INPUT', 'after is not a cursor this connection gave out.', { argument: 'after' });
  return { OR: [{ closedAt: { lt: at } }, { closedAt: at, id: { lt: key.slice(bar + 1) } }] };
}
