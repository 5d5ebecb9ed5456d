import { Sensitive } from '@liangling/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import type { Volunteer as VolunteerRow } from './generated/prisma/client';
import { ResidentReference, type LocatedResident } from './references';
import { Volunteer } from './volunteer';

@Resolver(() => ResidentReference)
export class ResidentVolunteerResolver {
  @FieldResolver(() => Volunteer, {
    nullable: true,
    description: 'Their volunteer record, if they signed up: whether someone volunteers is personal too.',
  })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'id' })
  async volunteer(@Root() resident: LocatedResident, @Ctx() context: Context): Promise<VolunteerRow | null> {
    return (await context.loaders.volunteerByResident.load(resident.id))[0] ?? null;
  }
}

/** Any resident id is a valid reference here; the volunteer record, if any, tells where they live. */
export async function resolveResident(reference: { id?: unknown }, context: Context): Promise<LocatedResident> {
  const id = String(reference.id);
  const [volunteer] = await context.loaders.volunteerByResident.load(id);
  return { id, regionPath: volunteer?.regionPath ?? null };
}
