import { Sensitive, ConnectionType, pageArgs, toConnection, type ConnectionShape } from '@liangling/kit';
import { codedError, type Caller, type RowScope } from '@liangling/schema';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { Household as HouseholdRow, Resident as ResidentRow } from './generated/prisma/client';
import type { Context } from './context';
import { Household } from './household';
import { pathIds } from './region';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Gender, { name: 'Gender' });

@ObjectType({ description: 'A resident (居民). Personal fields follow the privacy model: see `@sensitive`.' })
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

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; masked to the year.' })
  @Sensitive({ level: 'PERSONAL', mask: 'YEAR', owner: 'id' })
  birthDate!: string;

  @Field(() => String, { nullable: true, description: 'Mainland mobile number; masked as 138****5678.' })
  @Sensitive({ level: 'PERSONAL', mask: 'PHONE', owner: 'id' })
  phone!: string;

  @Field(() => String, { nullable: true, description: '18-digit resident identity number (居民身份证号); masked as 2101**********123X.' })
  @Sensitive({ level: 'SENSITIVE', mask: 'ID_NUMBER', owner: 'id' })
  idNumber!: string;

  @Field(() => Boolean, { nullable: true, description: 'Care flag: lives alone.' })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  livesAlone!: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Care flag: 60 or older.' })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  elderly!: boolean;

  householdId!: string;
  gridId!: string;
  regionPath!: string;
}

/** Who and where a resident's row is about: the resident, in their grid. */
export function residentScope(row: ResidentRow): RowScope {
  return { subjectIds: [row.id], regionPath: pathIds(row.regionPath) };
}

export function resolveResident(reference: { id?: unknown }, context: Context): Promise<ResidentRow | null> {
  return context.loaders.resident.load(String(reference.id));
}

const ResidentConnection = ConnectionType('Resident', Resident);

/** Roles whose work is with residents by place; others may read single records only. */
const LISTING_ROLES: ReadonlySet<Caller['role']> = new Set(['grid_worker', 'community_staff', 'department_officer', 'auditor', 'service']);

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
    return context.loaders.resident.load(id);
  }

  @Query(() => ResidentConnection, { nullable: true, description: 'Residents living in a region of any level, in a stable order; staff only.' })
  @Sensitive({ level: 'INTERNAL' })
  async residents(
    @Arg('regionId', () => ID) regionId: string,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConnectionShape<ResidentRow>> {
    if (!LISTING_ROLES.has(context.caller.role)) throw codedError('FORBIDDEN', 'Listing residents is for staff.');
    const { take, afterKey } = pageArgs(first, after);
    const region = await context.loaders.region.load(regionId);
    if (!region) throw codedError('NOT_FOUND', `There is no region ${regionId}.`, { argument: 'regionId' });
    const grids = await context.db.region.findMany({ where: { level: 'GRID', path: { startsWith: region.path } }, select: { id: true } });
    const rows = await context.db.resident.findMany({
      where: { gridId: { in: grids.map((grid) => grid.id) }, ...(afterKey ? { id: { gt: afterKey } } : {}) },
      orderBy: { id: 'asc' },
      take: take + 1,
    });
    return toConnection(rows, take, (row) => row.id);
  }

  @FieldResolver(() => Household, { nullable: true, description: 'Where the resident lives.' })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'id' })
  household(@Root() resident: ResidentRow, @Ctx() context: Context): Promise<HouseholdRow | null> {
    return context.loaders.household.load(resident.householdId);
  }
}
