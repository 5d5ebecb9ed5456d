import { randomUUID } from 'node:crypto';
import {
  connection,
  keysetAfter,
  keysetOrderBy,
  Sensitive,
  underPath,
  validate,
  type ConnectionShape,
  type KeysetOrder,
} from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { mayListVolunteers } from './access';
import type { Context } from './context';
import type { Prisma, Volunteer as VolunteerRow } from './generated/prisma/client';
import { ResidentReference, type LocatedResident } from './references';
import { Volunteer, VolunteerConnection } from './volunteer';
import { SignUpAsVolunteerInput, signUpAsVolunteerSchema } from './volunteer.inputs';

const BY_ID: KeysetOrder = [['id', 'asc']];

@Resolver(() => Volunteer)
export class VolunteerResolver {
  @Query(() => VolunteerConnection, {
    nullable: true,
    description:
      'Volunteers living in a region of any level, by id; staff only, each where the caller covers the volunteer’s home or keeps the register.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async volunteers(
    // Listing by place tells where each volunteer lives: only rows the caller could read that of.
    @Arg('regionId', () => ID) @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'residentId', field: 'region' }) regionId: string,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConnectionShape<VolunteerRow>> {
    if (!mayListVolunteers(context.caller)) throw codedError('FORBIDDEN', 'Listing volunteers is for staff.');
    return connection(
      { first, after },
      {
        key: ['string'],
        keyOf: (row) => [row.id],
        load: async ({ take, after: key }) => {
          const region = await context.loaders.region.load(regionId);
          if (!region) throw codedError('NOT_FOUND', `There is no region ${regionId}.`, { argument: 'regionId' });
          return context.db.volunteer.findMany({
            where: { regionPath: underPath(region.path), ...keysetAfter<Prisma.VolunteerWhereInput>(BY_ID, key) },
            orderBy: keysetOrderBy<Prisma.VolunteerOrderByWithRelationInput>(BY_ID),
            take,
          });
        },
      },
    );
  }

  @Mutation(() => Volunteer, { description: 'A resident signs up to volunteer. One record per resident: signing up again updates it.' })
  async signUpAsVolunteer(
    @Arg('input', () => SignUpAsVolunteerInput) input: SignUpAsVolunteerInput,
    @Ctx() context: Context,
  ): Promise<VolunteerRow> {
    const { caller } = context;
    if (caller.role !== 'resident' || !caller.sub) throw codedError('FORBIDDEN', 'Only a signed-in resident can sign up as a volunteer.');
    if (!caller.home?.length) throw codedError('FORBIDDEN', 'Your account has no registered home, so no community to volunteer in.');
    const { skills, availability } = validate(signUpAsVolunteerSchema, input);
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
  resident(@Root() volunteer: VolunteerRow): LocatedResident {
    return { id: volunteer.residentId, regionPath: volunteer.regionPath };
  }
}
