import { RegionReference, Sensitive } from '@liangling/kit';
import { FieldResolver, Resolver, Root } from 'type-graphql';
import type { Petition as PetitionRow } from './generated/prisma/client';
import { Petition } from './petition';
import { streetOf } from './petition-place';

// Apart from petition.ts, because the street comes from petition-place.ts, which imports petition.ts:
// no file is read while another it needs is half loaded.

@Resolver(() => Petition)
export class PetitionPlaceResolver {
  @FieldResolver(() => RegionReference, {
    nullable: true,
    description:
      'The street (街道) the petition comes from: its petitioner’s home street. For the petitions office (and the petitioner) only: the department complained about gets null, since a place narrows down who complained.',
  })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'petitionerId' })
  region(@Root() petition: PetitionRow): RegionReference | null {
    const street = streetOf(petition.regionPath);
    return street ? { id: street } : null;
  }
}
