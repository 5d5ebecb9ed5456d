import { randomUUID } from 'node:crypto';
import { type ConnectionShape, ConnectionType, pageArgs, pathIds, ResidentReference, Sensitive, toConnection, underPath } from '@liangling/kit';
import { codedError, type Caller, type RowScope } from '@liangling/schema';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import type { Volunteer as VolunteerRow } from './generated/prisma/client';
import type { LocatedResident } from './resident';

/** The department whose register of volunteers this is: its officers see the register in full. */
export const VOLUNTEER_REGISTER = 'COMMUNITY_SERVICES';

@ObjectType({ description: 'A resident who signed up to volunteer (志愿者). Everything but the opaque id is personal.' })
export class Volunteer {
  @Field(() => ID)
  id!: string;

  @Field(() => [String], { nullable: 'itemsAndList', description: 'What they offer to do: 陪护, 维修, 助餐 …' })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'residentId' })
  skills!: string[];

  @Field(() => String, { nullable: true, description: 'When they can help, in their words.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'residentId' })
  availability!: string;

  @Field(() => Date, { nullable: true, description: 'When they first signed up.' })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'residentId' })
  createdAt!: Date;

  residentId!: string;
  regionPath!: string;
}

/** Who and where a volunteer record is about: the resident, at home, in this department's register. */
export function volunteerScope(row: VolunteerRow): RowScope {
  return { subjectIds: [row.residentId], regionPath: pathIds(row.regionPath), departments: [VOLUNTEER_REGISTER] };
}

@InputType()
export class SignUpAsVolunteerInput {
  @Field(() => [String], { description: '1 to 10 skills, each 1 to 20 characters.' })
  skills!: string[];

  @Field({ description: '1 to 100 characters, e.g. "周末上午".' })
  availability!: string;
}

const VolunteerConnection = ConnectionType('Volunteer', Volunteer);

/** Roles whose work is with residents by place; residents read only their own record. */
const LISTING_ROLES: ReadonlySet<Caller['role']> = new Set(['grid_worker', 'community_staff', 'department_officer', 'auditor']);

@Resolver(() => Volunteer)
export class VolunteerResolver {
  @Query(() => VolunteerConnection, { description: 'Volunteers living in a region of any level, by id; staff only.' })
  async volunteers(
    @Arg('regionId', () => ID) regionId: string,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConnectionShape<VolunteerRow>> {
    if (!LISTING_ROLES.has(context.caller.role)) throw codedError('FORBIDDEN', 'Listing volunteers is for staff.');
    const { take, afterKey } = pageArgs(first, after);
    const region = await context.loaders.region.load(regionId);
    if (!region) throw codedError('NOT_FOUND', `There is no region ${regionId}.`, { argument: 'regionId' });
    const rows = await context.db.volunteer.findMany({
      where: { regionPath: underPath(region.path), ...(afterKey ? { id: { gt: afterKey } } : {}) },
      orderBy: { id: 'asc' },
      take: take + 1,
    });
    return toConnection(rows, take, (row) => row.id);
  }

  @Mutation(() => Volunteer, { description: 'A resident signs up to volunteer. One record per resident: signing up again updates it.' })
  async signUpAsVolunteer(@Arg('input', () => SignUpAsVolunteerInput) input: SignUpAsVolunteerInput, @Ctx() context: Context): Promise<VolunteerRow> {
    const { caller } = context;
    if (caller.role !== 'resident' || !caller.sub) throw codedError('FORBIDDEN', 'Only a signed-in resident can sign up as a volunteer.');
    if (!caller.home?.length) throw codedError('FORBIDDEN', 'Your account has no registered home, so no community to volunteer in.');
    const skills = [...new Set(input.skills.map((skill) => skill.trim()))];
    if (skills.length < 1 || skills.length > 10 || skills.some((skill) => skill.length < 1 || skill.length > 20)) {
      throw codedError('BAD_USER_INPUT', 'skills must be 1 to 10 skills of 1 to 20 characters each.', { field: 'skills' });
    }
    const availability = input.availability.trim();
    if (availability.length < 1 || availability.length > 100) throw codedError('BAD_USER_INPUT', 'availability must be 1 to 100 characters.', { field: 'availability' });
    const details = { skills: JSON.stringify(skills), availability, regionPath: `/${caller.home.join('/')}/`, updatedAt: context.now() };
    // The unique resident id makes a retry, even a concurrent one, find the first record.
    return context.db.volunteer.upsert({
      where: { residentId: caller.sub },
      update: details,
      create: { id: `vol-${randomUUID()}`, residentId: caller.sub, createdAt: context.now(), ...details },
    });
  }

  @FieldResolver(() => [String], { nullable: 'itemsAndList' })
  skills(@Root() volunteer: VolunteerRow): string[] {
    return JSON.parse(volunteer.skills) as string[];
  }

  @FieldResolver(() => ResidentReference, { nullable: true, description: 'The resident who volunteers.' })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'residentId' })
  // Typed as a plain shape, not the class: resident.ts imports this file, and decorator metadata would
  // read the class before it exists.
  resident(@Root() volunteer: VolunteerRow): Pick<LocatedResident, 'id' | 'regionPath'> {
    return { id: volunteer.residentId, regionPath: volunteer.regionPath };
  }
}
