import { AlertReference, Sensitive } from '@liangling/kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { EnforcementCase, canSeeCase, checkOrigin, requireOfficer } from './enforcement-case';
import { CaseSource, CaseType } from './enums';
import type { EnforcementCase as CaseRow } from './generated/prisma/client';
import { openCase } from './open-case';

/** The monitoring department's entity, seen from here: a key and the case it was referred to. */
@Resolver(() => AlertReference)
export class AlertReferralResolver {
  @FieldResolver(() => EnforcementCase, { nullable: true, description: 'The enforcement case this alert was referred to (移交综合执法), if any and visible to the caller.' })
  async referredCase(@Root() alert: AlertReference, @Ctx() context: Context): Promise<CaseRow | null> {
    const row = await context.loaders.caseByAlert.load(alert.id);
    return row && canSeeCase(context.caller, row) ? row : null;
  }

  @Mutation(() => EnforcementCase, {
    description:
      'An enforcement officer opens a case from an early-warning alert (e.g. repeated complaints about an illegal structure, a fire-safety hazard). Idempotent per alert: referring it again returns the same case.',
  })
  async referAlert(
    @Arg('alertId', () => ID) alertId: string,
    @Arg('type', () => CaseType) type: CaseType,
    @Arg('note', { description: 'Why the alert needs enforcement, 1 to 2000 characters; kept as the first note of evidence.' }) note: string,
    @Arg('place', () => ID, { description: 'A building id or a region id: this department does not read alerts, so the officer says where (the alert’s place).' }) place: string,
    @Ctx() context: Context,
  ): Promise<CaseRow> {
    requireOfficer(context.caller);
    return openCase(context, { type, source: CaseSource.ALERT, originId: checkOrigin(alertId, 'alertId'), place, note, party: null });
  }
}

@Resolver(() => EnforcementCase)
export class CaseAlertResolver {
  @FieldResolver(() => AlertReference, { nullable: true, description: 'The early-warning alert the case was referred from.' })
  @Sensitive({ level: 'INTERNAL', mask: 'NULL' })
  alert(@Root() row: CaseRow): AlertReference | null {
    return row.source === CaseSource.ALERT && row.originId ? { id: row.originId } : null;
  }
}
