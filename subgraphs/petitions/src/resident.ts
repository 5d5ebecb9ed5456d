import { ListSize, ResidentReference } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Petition as PetitionRow } from './generated/prisma/client';
import type { Context } from './context';
import { isPetitionsOfficer, Petition } from './petition';

/** The residents department's entity, seen from here: a key and the petitions a resident filed. */
@Resolver(() => ResidentReference)
export class ResidentPetitionsResolver {
  /**
   * Listing a resident's petitions says who filed them, so it is as secret as `Petition.petitioner`:
   * refused before anything is read, whether or not the resident has filed any.
   */
  @ListSize({ assumedSize: 100 })
  @FieldResolver(() => [Petition], {
    nullable: true,
    description: 'Petitions this resident filed, newest first: for the resident and the petitions office only.',
  })
  petitions(@Root() resident: ResidentReference, @Ctx() context: Context): Promise<PetitionRow[]> {
    const { caller } = context;
    const self = caller.role === 'resident' && !!caller.sub && caller.sub === resident.id;
    if (!self && !isPetitionsOfficer(caller)) throw codedError('FORBIDDEN', 'A resident’s petitions are for the resident and the petitions office only.');
    return context.loaders.petitionsByPetitioner.load(resident.id);
  }
}
