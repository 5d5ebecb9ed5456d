import { pathIds, ResidentReference, Sensitive } from '@liangling/kit';
import type { RowScope } from '@liangling/schema';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import type { Volunteer as VolunteerRow } from './generated/prisma/client';
import { VOLUNTEER_REGISTER, Volunteer } from './volunteer';

/**
 * The residents department's entity, seen from here: the kit's key class, and where the resident's
 * volunteer record places them, when they have one (for the row scope; not a field).
 */
export type LocatedResident = ResidentReference & { regionPath?: string | null };

/** Who and where: the resident, at the home their volunteer record gives (staff of elsewhere see nothing). */
export function residentScope(row: LocatedResident): RowScope {
  return { subjectIds: [row.id], ...(row.regionPath ? { regionPath: pathIds(row.regionPath) } : {}), departments: [VOLUNTEER_REGISTER] };
}

@Resolver(() => ResidentReference)
export class ResidentVolunteerResolver {
  @FieldResolver(() => Volunteer, { nullable: true, description: 'Their volunteer record, if they signed up: whether someone volunteers is personal too.' })
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
