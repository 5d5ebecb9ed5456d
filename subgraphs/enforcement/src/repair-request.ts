import { RepairRequestReference, Sensitive } from '@liangling/kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { EnforcementCase, canSeeCase, checkOrigin, requireOfficer } from './enforcement-case';
import { CaseSource, CaseType } from './enums';
import type { EnforcementCase as CaseRow } from './generated/prisma/client';
import { openCase } from './open-case';

/** The requests department's entity, seen from here: a key and the case it was referred to. */
@Resolver(() => RepairRequestReference)
export class RepairRequestReferralResolver {
  @FieldResolver(() => EnforcementCase, { nullable: true, description: 'The enforcement case this request was referred to (移交综合执法), if any and visible to the caller.' })
  async referredCase(@Root() request: RepairRequestReference, @Ctx() context: Context): Promise<CaseRow | null> {
    const row = await context.loaders.caseByRequest.load(request.id);
    return row && canSeeCase(context.caller, row) ? row : null;
  }

  @Mutation(() => EnforcementCase, {
    description: 'An enforcement officer opens a case from a repair request (e.g. an illegal structure blocking a repair). Idempotent per request: referring it again returns the same case.',
  })
  async referRepairRequest(
    @Arg('requestId', () => ID) requestId: string,
    @Arg('type', () => CaseType) type: CaseType,
    @Arg('note', { description: 'Why the request needs enforcement, 1 to 2000 characters; kept as the first note of evidence.' }) note: string,
    @Arg('place', () => ID, { description: 'A building id or a region id: this department does not read requests, so the officer says where.' }) place: string,
    @Ctx() context: Context,
  ): Promise<CaseRow> {
    requireOfficer(context.caller);
    return openCase(context, { type, source: CaseSource.REQUEST_REFERRAL, originId: checkOrigin(requestId, 'requestId'), place, note, party: null });
  }
}

@Resolver(() => EnforcementCase)
export class CaseRequestResolver {
  @FieldResolver(() => RepairRequestReference, { nullable: true, description: 'The repair request the case was referred from.' })
  @Sensitive({ level: 'INTERNAL', mask: 'NULL' })
  repairRequest(@Root() row: CaseRow): RepairRequestReference | null {
    return row.source === CaseSource.REQUEST_REFERRAL && row.originId ? { id: row.originId } : null;
  }
}
