import { connection, type ConnectionShape, ConnectionType, keysetAfter, keysetOrderBy, type KeysetOrder, underPath } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { CaseStatus } from './enums';
import type { EnforcementCase as CaseRow, Prisma } from './generated/prisma/client';
import { PublicDecision } from './public-decision';
import { RegionReference } from './references';

const PublicDecisionConnection = ConnectionType('PublicDecision', PublicDecision);

/** Decisions newest first: by closing, then id. */
const NEWEST_CLOSED: KeysetOrder = [
  ['closedAt', 'desc'],
  ['id', 'desc'],
];

const BELOW_DISTRICT: ReadonlySet<string> = new Set(['STREET', 'COMMUNITY', 'GRID']);

/** The district on a region's path (`/city/district/…/`). */
async function districtOf(context: Context, path: string) {
  const district = path.split('/').filter(Boolean)[1];
  return district ? context.loaders.region.load(district) : undefined;
}

@Resolver(() => PublicDecision)
export class PublicDecisionResolver {
  @Query(() => PublicDecisionConnection, {
    description:
      'Published decisions of closed cases, newest first, in a region and everything under it; for anyone. A region below a district is widened to its district: a decision names no finer place.',
  })
  async publicDecisions(
    @Ctx() context: Context,
    @Arg('regionId', () => ID, { nullable: true }) regionId?: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConnectionShape<CaseRow>> {
    return connection(
      { first, after },
      {
        key: ['date', 'string'],
        // Every row listed is closed: its closedAt is set (the query says so).
        keyOf: (row) => [row.closedAt as Date, row.id],
        load: async (page) => {
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
          return context.db.enforcementCase.findMany({
            where: { AND: [where, keysetAfter<Prisma.EnforcementCaseWhereInput>(NEWEST_CLOSED, page.after)] },
            orderBy: keysetOrderBy<Prisma.EnforcementCaseOrderByWithRelationInput>(NEWEST_CLOSED),
            take: page.take,
          });
        },
      },
    );
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
