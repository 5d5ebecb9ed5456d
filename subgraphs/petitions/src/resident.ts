import { codedError } from '@liangling/schema';
import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import type { Petition as PetitionRow } from './generated/prisma/client';
import type { Context } from './context';
import { isPetitionsOfficer, Petition } from './petition';

/** The residents department's entity, seen from here: a key and the petitions a resident filed. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Resident {
  @Field(() => ID)
  id!: string;
}

@Resolver(() => Resident)
export class ResidentPetitionsResolver {
  /**
   * Listing a resident's petitions says who filed them, so it is as secret as `Petition.petitioner`:
   * refused before anything is read, whether or not the resident has filed any.
   */
  @FieldResolver(() => [Petition], {
    nullable: true,
    description: 'Petitions this resident filed, newest first: for the resident and the petitions office only.',
  })
  petitions(@Root() resident: Resident, @Ctx() context: Context): Promise<PetitionRow[]> {
    const { caller } = context;
    const self = caller.role === 'resident' && !!caller.sub && caller.sub === resident.id;
    if (!self && !isPetitionsOfficer(caller)) throw codedError('FORBIDDEN', 'A resident’s petitions are for the resident and the petitions office only.');
    return context.loaders.petitionsByPetitioner.load(resident.id);
  }
}

/** Any resident id is a valid reference here: this department holds only their petitions and opinions. */
export function resolveResident(reference: { id?: unknown }): Resident {
  return { id: String(reference.id) };
}
