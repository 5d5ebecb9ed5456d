import { connection, keysetAfter, keysetOrderBy, Sensitive, underPath, validate, type ConnectionShape } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { mayListRegion } from './access';
import type { Context } from './context';
import { RepairCategory } from './enums';
import type { Prisma, RepairRequest as RepairRequestRow } from './generated/prisma/client';
import { NEWEST_FIRST, RepairRequest, RepairRequestConnection } from './repair-request';
import { submittedBetweenSchema } from './request-search.inputs';

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
    @Arg('categories', () => [RepairCategory], { nullable: true, description: 'Only these categories; all when omitted.' })
    categories?: RepairCategory[] | null,
    @Arg('from', () => Date, { nullable: true, description: 'Submitted at or after.' }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true, description: 'Submitted before (exclusive).' }) to?: Date | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ConnectionShape<RepairRequestRow>> {
    if (!mayListRegion(context.caller)) throw codedError('FORBIDDEN', 'Listing a region’s repair requests is for staff.');
    validate(submittedBetweenSchema, { from, to });
    return connection(
      { first, after },
      {
        key: ['date', 'string'],
        keyOf: (row) => [row.createdAt, row.id],
        load: async ({ take, after: key }) => {
          const region = await context.loaders.regionPath.load(regionId);
          if (!region) throw codedError('NOT_FOUND', `There is no region ${regionId}.`, { argument: 'regionId' });
          return context.db.repairRequest.findMany({
            where: {
              regionPath: underPath(region.path),
              ...(categories && categories.length > 0 ? { category: { in: categories } } : {}),
              ...(from || to ? { createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {}),
              ...keysetAfter<Prisma.RepairRequestWhereInput>(NEWEST_FIRST, key),
            },
            orderBy: keysetOrderBy<Prisma.RepairRequestOrderByWithRelationInput>(NEWEST_FIRST),
            take,
          });
        },
      },
    );
  }
}
