import { ListSize, Sensitive } from '@liangling/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Petition as PetitionRow } from './generated/prisma/client';
import type { Context } from './context';
import { Petition } from './petition';
import { ResidentReference } from './references';

/** The residents department's entity, seen from here: a key and the petitions a resident filed. */
@Resolver(() => ResidentReference)
export class ResidentPetitionsResolver {
  /**
   * Listing a resident's petitions says who filed them, so each item is as secret as its
   * `Petition.petitioner` and decided the same way, item by item (the kit leaves out the rest and
   * records each one shown as a link); a caller who could see no petitioner at all is refused.
   */
  @ListSize({ assumedSize: 100 })
  @FieldResolver(() => [Petition], {
    nullable: true,
    description: 'Petitions this resident filed, newest first: for the resident and the petitions office only.',
  })
  @Sensitive({ level: 'SECRET', mask: 'NULL', owner: 'petitionerId', each: true })
  petitions(@Root() resident: ResidentReference, @Ctx() context: Context): Promise<PetitionRow[]> {
    return context.loaders.petitionsByPetitioner.load(resident.id);
  }
}
