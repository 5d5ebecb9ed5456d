import { type ConnectionShape, ConnectionType, pageArgs, pathIds, pathRange, Sensitive, toConnection } from '@liangling/kit';
import { codedError, decide, type Caller, type DataLevel, type RowScope } from '@liangling/schema';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, InputType, Int, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { Prisma, type Household as HouseholdRow, type Region as RegionRow, type Resident as ResidentRow } from './generated/prisma/client';
import type { Context } from './context';
import { Household } from './household';
import { inOrder, parsePlaceKey, placeKey } from './places';
import { AGE_BANDS, AgeBand } from './stats';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Gender, { name: 'Gender' });

@ObjectType({ description: 'A resident (居民): what a caller sees of one is decided field by field and row by row.' })
@Directive('@key(fields: "id")')
export class Resident {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'Full name; masked as 张** for callers who may not see it.' })
  @Sensitive({ level: 'PERSONAL', mask: 'NAME', owner: 'id' })
  name!: string;

  @Field(() => Gender, { nullable: true })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'id' })
  gender!: Gender;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; masked whole (`***`): even the year would tell who is elderly.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'id' })
  birthDate!: string;

  @Field(() => String, { nullable: true, description: 'Mainland mobile number; masked as 138****5678.' })
  @Sensitive({ level: 'PERSONAL', mask: 'PHONE', owner: 'id' })
  phone!: string;

  @Field(() => String, { nullable: true, description: '18-digit resident identity number (居民身份证号); masked as 2101************** (the city of registration only).' })
  @Sensitive({ level: 'SENSITIVE', mask: 'ID_NUMBER', owner: 'id' })
  idNumber!: string;

  @Field(() => Boolean, { nullable: true, description: 'Care flag: lives alone.' })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  livesAlone!: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Care flag: 60 or older.' })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  elderly!: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Care flag: registered disability (health data, PIPL Art. 28).' })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  disability!: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Care flag: low-income household support (低保).' })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  lowIncome!: boolean;

  householdId!: string;
  gridId!: string;
  regionPath!: string;
}

/** Who and where a resident's row is about: the resident, in their grid. */
export function residentScope(row: ResidentRow): RowScope {
  return { subjectIds: [row.id], regionPath: pathIds(row.regionPath) };
}

/**
 * Who a person is, as a fact: that this id is a resident at all. PERSONAL of the resident, so a caller
 * who could read nothing about them (anonymous apps, other residents, partners) gets `null`, exactly
 * as for an id no one has: no enumeration by id, no existence oracle.
 */
const IDENTITY = { level: 'PERSONAL', mask: 'NULL', owner: 'id' } as const;

/** The fields of a resident a service's scopes may name (`SCOPES` in the schema package). */
const RESIDENT_FIELDS = ['name', 'gender', 'birthDate', 'phone', 'idNumber', 'livesAlone', 'elderly', 'disability', 'lowIncome', 'household'].map((field) => `Resident.${field}`);

/** The row, or null when the caller may not know that this resident exists. */
export function visibleResident(caller: Caller, row: ResidentRow | null): ResidentRow | null {
  if (!row) return null;
  const scope = residentScope(row);
  if (decide(caller, IDENTITY, scope) !== 'DENY') return row;
  // A service covers only the fields its scopes name: it may know a resident exists where it may read one of them.
  return caller.role === 'service' && RESIDENT_FIELDS.some((field) => decide(caller, { ...IDENTITY, field }, scope) !== 'DENY') ? row : null;
}

export async function resolveResident(reference: { id?: unknown }, context: Context): Promise<ResidentRow | null> {
  return visibleResident(context.caller, await context.loaders.resident.load(String(reference.id)));
}

@InputType({ description: 'Narrows a list of residents. Selecting by a field needs the clearance to read that field for every resident found: otherwise the filter itself would tell who has it.' })
export class ResidentFilter {
  @Field(() => Boolean, { nullable: true })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  livesAlone?: boolean;

  @Field(() => Boolean, { nullable: true })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  elderly?: boolean;

  @Field(() => Boolean, { nullable: true })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  disability?: boolean;

  @Field(() => Boolean, { nullable: true })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  lowIncome?: boolean;

  @Field(() => Gender, { nullable: true })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'id' })
  gender?: Gender;

  @Field(() => AgeBand, { nullable: true })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'id', field: 'birthDate' })
  ageBand?: AgeBand;
}

const ResidentConnection = ConnectionType('Resident', Resident);

/**
 * Roles whose work is with residents by place, and who list them only within their own area (grid
 * workers, community staff; the early-warning engine, whose reach is its scopes'). Officers reach
 * residents through their own department's records (a case's party, a request's submitter); auditors
 * read access records, not residents.
 */
const LISTING_ROLES: ReadonlySet<Caller['role']> = new Set(['grid_worker', 'community_staff', 'service']);
/** Roles that look residents up by name or phone, within their own grids or community. */
const SEARCH_ROLES: ReadonlySet<Caller['role']> = new Set(['grid_worker', 'community_staff']);
const CARE_FLAGS = ['livesAlone', 'elderly', 'disability', 'lowIncome'] as const;

/** True when `decide()` would reveal a value of this level about someone living in the region. */
export function clearedFor(caller: Caller, level: DataLevel, region: RegionRow): boolean {
  return decide(caller, { level, mask: 'NULL' }, { subjectIds: [], regionPath: pathIds(region.path) }) === 'REVEAL';
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
    description: 'Residents living in a region of any level at or under the caller’s own grids or community, grid by grid and by id within a grid.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async residents(
    // Listing by place tells where each resident found lives.
    @Arg('regionId', () => ID) @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'id', field: 'household' }) regionId: string,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => ResidentFilter, { nullable: true }) filter?: ResidentFilter,
  ): Promise<ConnectionShape<ResidentRow>> {
    const { caller } = context;
    if (!LISTING_ROLES.has(caller.role)) throw codedError('FORBIDDEN', 'Listing residents is for grid workers and community staff, within their own area.');
    const { take, afterKey } = pageArgs(first, after);
    const region = await context.loaders.region.load(regionId);
    if (!region) throw codedError('NOT_FOUND', `There is no region ${regionId}.`, { argument: 'regionId', field: 'regionId' });
    if (!clearedFor(caller, 'PERSONAL', region)) throw codedError('FORBIDDEN', `${regionId} is not within your own grids or community.`, { argument: 'regionId' });
    // Whether the caller may select by each of these is the kit's decision (`@sensitive` on the
    // filter's fields), taken before this resolver runs and again for every row it returns.
    const conditions: Prisma.Sql[] = [];
    for (const flag of CARE_FLAGS) {
      const wanted = filter?.[flag];
      if (wanted === undefined || wanted === null) continue;
      conditions.push(Prisma.sql`${Prisma.raw(`"${flag}"`)} = ${wanted ? 1 : 0}`);
    }
    if (filter?.gender) conditions.push(Prisma.sql`"gender" = ${filter.gender}`);
    if (filter?.ageBand) {
      // Age this calendar year, as the statistics count it: born in [year − max, year − min].
      const year = context.now().getUTCFullYear();
      const [minAge, maxAge] = AGE_BANDS[filter.ageBand];
      conditions.push(Prisma.sql`"birthDate" >= ${`${year - maxAge}-01-01`} AND "birthDate" < ${`${year - minAge + 1}-01-01`}`);
    }
    const { lower, upper } = pathRange(region.path);
    const cursor = afterKey ? parsePlaceKey(afterKey) : undefined;
    // One range of the (regionPath, id) index whatever the region's level; the row-value comparison
    // resumes after the cursor without counting what came before.
    const ids = await context.db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Resident" WHERE "regionPath" >= ${lower} AND "regionPath" < ${upper}${
      cursor ? Prisma.sql` AND ("regionPath", "id") > (${cursor.regionPath}, ${cursor.id})` : Prisma.empty
    }${conditions.length > 0 ? Prisma.join(conditions, ' AND ', ' AND ') : Prisma.empty} ORDER BY "regionPath", "id" LIMIT ${take + 1}`;
    const rows = await context.db.resident.findMany({ where: { id: { in: ids.map((row) => row.id) } } });
    return toConnection(inOrder(ids.map((row) => row.id), rows), take, placeKey);
  }

  @Query(() => [Resident], {
    nullable: true,
    description: 'Residents of the caller’s own grids or community whose name or mobile number starts with the text; grid workers and community staff only.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async searchResidents(
    // A prefix of a name or phone is a read of it: only where the caller may read the full value.
    @Arg('text') @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'id', field: 'name,phone' }) text: string,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
  ): Promise<ResidentRow[]> {
    const { caller } = context;
    if (!SEARCH_ROLES.has(caller.role) || caller.regions.length === 0) {
      throw codedError('FORBIDDEN', 'Searching residents is for grid workers and community staff, within their own area.');
    }
    const query = text.trim();
    if (query.length < 1 || query.length > 30) throw codedError('BAD_USER_INPUT', 'Search for 1 to 30 characters of a name, or 3 to 11 digits of a mobile number.', { argument: 'text', field: 'text' });
    const byPhone = /^\d+$/.test(query);
    if (byPhone && (query.length < 3 || query.length > 11)) throw codedError('BAD_USER_INPUT', 'Search for 3 to 11 digits of a mobile number.', { argument: 'text', field: 'text' });
    const { take } = pageArgs(Math.min(first, 100), undefined);
    const regions = (await context.loaders.region.loadMany([...caller.regions])).filter((region): region is RegionRow => !!region && !(region instanceof Error));
    if (regions.length === 0) return [];
    const ranges = regions.map((region) => pathRange(region.path));
    const column = Prisma.raw(byPhone ? '"phone"' : '"name"');
    // A prefix is a range of the name (or phone) index; the jurisdiction narrows it further.
    const within = ranges.map((range) => Prisma.sql`("regionPath" >= ${range.lower} AND "regionPath" < ${range.upper})`);
    const ids = await context.db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Resident" WHERE ${column} >= ${query} AND ${column} < ${`${query}\u{10FFFF}`} AND (${Prisma.join(
      within,
      ' OR ',
    )}) ORDER BY ${column}, "id" LIMIT ${take}`;
    const rows = await context.db.resident.findMany({ where: { id: { in: ids.map((row) => row.id) } } });
    return inOrder(ids.map((row) => row.id), rows);
  }

  @FieldResolver(() => Household, { nullable: true, description: 'Where the resident lives.' })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'id' })
  household(@Root() resident: ResidentRow, @Ctx() context: Context): Promise<HouseholdRow | null> {
    return context.loaders.household.load(resident.householdId);
  }
}
