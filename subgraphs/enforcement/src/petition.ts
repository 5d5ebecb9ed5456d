import { PetitionReference, Sensitive } from '@liangling/kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { EnforcementCase, canSeeCase, checkOrigin, requireOfficer } from './enforcement-case';
import { CaseSource, CaseType } from './enums';
import type { EnforcementCase as CaseRow } from './generated/prisma/client';
import { openCase } from './open-case';

/**
 * The petitions department's entity, seen from here: a key and the case it was referred to. Nothing
 * else of a petition is read or kept here; above all not who filed it (信访工作条例).
 */
@Resolver(() => PetitionReference)
export class PetitionReferralResolver {
  @FieldResolver(() => EnforcementCase, { nullable: true, description: 'The enforcement case this petition was referred to, if any and visible to the caller.' })
  async referredCase(@Root() petition: PetitionReference, @Ctx() context: Context): Promise<CaseRow | null> {
    const row = await context.loaders.caseByPetition.load(petition.id);
    return row && canSeeCase(context.caller, row) ? row : null;
  }

  @Mutation(() => EnforcementCase, {
    description:
      'An enforcement officer opens a case from a petition. The case records only the petition’s id: it has no complainant, and its party is the one investigated. Idempotent per petition.',
  })
  async referPetition(
    @Arg('petitionId', () => ID) petitionId: string,
    @Arg('type', () => CaseType) type: CaseType,
    @Arg('note', { description: 'What is to be investigated, 1 to 2000 characters, without the petitioner’s identity; kept as the first note of evidence.' }) note: string,
    @Arg('place', () => ID, { description: 'A building id or a region id: this department does not read petitions, so the officer says where.' }) place: string,
    @Ctx() context: Context,
  ): Promise<CaseRow> {
    requireOfficer(context.caller);
    return openCase(context, { type, source: CaseSource.PETITION_REFERRAL, originId: checkOrigin(petitionId, 'petitionId'), place, note, party: null });
  }
}

@Resolver(() => EnforcementCase)
export class CasePetitionResolver {
  @FieldResolver(() => PetitionReference, { nullable: true, description: 'The petition the case was referred from.' })
  @Sensitive({ level: 'INTERNAL', mask: 'NULL' })
  petition(@Root() row: CaseRow): PetitionReference | null {
    return row.source === CaseSource.PETITION_REFERRAL && row.originId ? { id: row.originId } : null;
  }
}
