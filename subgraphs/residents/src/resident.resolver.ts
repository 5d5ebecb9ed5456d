import { connection, pathRange, rowsWhereIn, Sensitive, validate, type ConnectionShape } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { clearedFor, listsResidents, searchesResidents, visibleResident } from './access';
import type { Context } from './context';
import { Prisma, type Household as HouseholdRow, type Region as RegionRow, type Resident as ResidentRow } from './generated/prisma/client';
import { Household } from './household';
import { inOrder, PLACE_KEY, placeKeyOf, rowsInPlace } from './places';
import { AGE_BANDS } from './region-statistics';
import { Resident, ResidentConnection } from './resident';
import { ResidentFilter, searchResidentsSchema } from './resident.inputs';

const CARE_FLAGS = ['livesAlone', 'elderly', 'disability', 'lowIncome'] as const;

/** Search results at most, whatever `first` asks. */
const MAX_SEARCH_RESULTS = 100;

export async function resolveResident(reference: { id?: unknown }, context: Context): Promise<ResidentRow | null> {
  return visibleResident(context.caller, await context.loaders.resident.load(String(reference.id)));
}

/** The filter's conditions as SQL. Whether the caller may select by each is the kit's decision (`@sensitive` on the filter's fields), taken before the resolver runs and again for every row it returns. */
function filterConditions(filter: ResidentFilter | undefined, year: number): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  for (const flag of CARE_FLAGS) {
    const wanted = filter?.[flag];
    if (wanted === undefined || wanted === null) continue;
    conditions.push(Prisma.sql`${Prisma.raw(`"${flag}"`)} = ${wanted ? 1 : 0}`);
  }
  if (filter?.gender) conditions.push(Prisma.sql`"gender" = ${filter.gender}`);
  if (filter?.ageBand) {
    // Age this calendar year, as the statistics count it: born in [year − max, year − min].
    const [minAge, maxAge] = AGE_BANDS[filter.ageBand];
    conditions.push(Prisma.sql`"birthDate" >= ${`${year - maxAge}-01-01`} AND "birthDate" < ${`${year - minAge + 1}-01-01`}`);
  }
  return conditions;
}

@Resolver(() => Resident)
export class ResidentResolver {
  @Query(() => Resident, { nullable: true, description: 'The calling resident.' })
  me(@Ctx() context: Context): Promise<ResidentRow | null> {
    const { caller } = context;
    if (caller.role !== 'resident' || !caller.sub) throw codedError('FORBIDDEN', 'me is for residents signed in as themselves.');
    return context.loaders.resident.load(caller.sub);
  }

  @Query(() => Resident, { nullable: true })
  resident(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<ResidentRow | null> {
    return resolveResident({ id }, context);
  }

  @Query(() => ResidentConnection, {
    nullable: true,
    description:
      'Residents living in a region of any level at or under the caller’s own grids or community, grid by grid and by id within a grid.',
  })
  @Sensitive({ level: 'INTERNAL' })
  residents(
    // Listing by place tells where each resident found lives.
    @Arg('regionId', () => ID) @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'id', field: 'household' }) regionId: string,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => ResidentFilter, { nullable: true }) filter?: ResidentFilter,
  ): Promise<ConnectionShape<ResidentRow>> {
    const { caller } = context;
    if (!listsResidents(caller))
      throw codedError('FORBIDDEN', 'Listing residents is for grid workers and community staff, within their own area.');
    return connection(
      { first, after },
      {
        key: PLACE_KEY,
        keyOf: placeKeyOf,
        load: async (page) => {
          const region = await context.loaders.region.load(regionId);
          if (!region) throw codedError('NOT_FOUND', `There is no region ${regionId}.`, { argument: 'regionId', field: 'regionId' });
          if (!clearedFor(caller, 'PERSONAL', region))
            throw codedError('FORBIDDEN', `${regionId} is not within your own grids or community.`, { argument: 'regionId' });
          const conditions = filterConditions(filter, context.now().getUTCFullYear());
          return rowsInPlace(
            context.db,
            'Resident',
            region.path,
            page,
            (ids) => rowsWhereIn<ResidentRow>(context.db, 'Resident', 'id', ids),
            conditions,
          );
        },
      },
    );
  }

  @Query(() => [Resident], {
    nullable: true,
    description:
      'Residents of the caller’s own grids or community whose name or mobile number starts with the text; grid workers and community staff only.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async searchResidents(
    // A prefix of a name or phone is a read of it: only where the caller may read the full value.
    @Arg('text') @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'id', field: 'name,phone' }) text: string,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
  ): Promise<ResidentRow[]> {
    const search = validate(searchResidentsSchema, { text, first });
    const { caller } = context;
    if (!searchesResidents(caller))
      throw codedError('FORBIDDEN', 'Searching residents is for grid workers and community staff, within their own area.');
    const regions = (await context.loaders.region.loadMany([...caller.regions])).filter(
      (region): region is RegionRow => !!region && !(region instanceof Error),
    );
    if (regions.length === 0) return [];
    const column = Prisma.raw(/^\d+$/.test(search.text) ? '"phone"' : '"name"');
    // A prefix is a range of the name (or phone) index; the jurisdiction narrows it further.
    const within = regions.map((region) => {
      const range = pathRange(region.path);
      return Prisma.sql`("regionPath" >= ${range.lower} AND "regionPath" < ${range.upper})`;
    });
    const ids = await context.db.$queryRaw<
      { id: string }[]
    >`SELECT "id" FROM "Resident" WHERE ${column} >= ${search.text} AND ${column} < ${`${search.text}\u{10FFFF}`} AND (${Prisma.join(
      within,
      ' OR ',
    )}) ORDER BY ${column}, "id" LIMIT ${Math.min(search.first, MAX_SEARCH_RESULTS)}`;
    const rows = await context.db.resident.findMany({ where: { id: { in: ids.map((row) => row.id) } } });
    return inOrder(
      ids.map((row) => row.id),
      rows,
    );
  }

  @FieldResolver(() => Household, { nullable: true, description: 'Where the resident lives.' })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'id' })
  household(@Root() resident: ResidentRow, @Ctx() context: Context): Promise<HouseholdRow | null> {
    return context.loaders.household.load(resident.householdId);
  }
}
