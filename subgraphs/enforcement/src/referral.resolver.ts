import { type EntityReference, type EntityReferenceClass, identifier, Sensitive, validate } from '@liangling/kit';
import type DataLoader from 'dataloader';
import { Arg, type ClassType, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { canSeeCase, requireOfficer } from './access';
import type { Context } from './context';
import { EnforcementCase } from './enforcement-case';
import { caseNote } from './enforcement-case.inputs';
import { CaseSource, CaseType } from './enums';
import type { EnforcementCase as CaseRow } from './generated/prisma/client';
import type { Loaders } from './loaders';
import { openCase } from './open-case';
import { AlertReference, PetitionReference, RepairRequestReference } from './references';

/** Another department's entity that a case can be referred from (移交综合执法), and how the API names it. */
interface Referral {
  /** The entity, as this department sees it: a key. */
  readonly entity: EntityReferenceClass;
  readonly source: CaseSource;
  /** The case referred from an entity, by the entity's id. */
  readonly caseOf: (loaders: Loaders) => DataLoader<string, CaseRow | null>;
  /** The mutation that refers one (`referAlert`) and its argument naming it (`alertId`). */
  readonly mutation: string;
  readonly argument: string;
  /** The field of `EnforcementCase` that points back at the entity: `alert`. */
  readonly caseField: string;
  readonly describe: {
    /** The entity's `referredCase`. */
    readonly referredCase: string;
    readonly mutation: string;
    /** The mutation's `note` and `place` arguments. */
    readonly note: string;
    readonly place: string;
    readonly caseField: string;
  };
}

/**
 * The two resolvers of one referral: on the other department's entity, the case it was referred to and
 * the mutation that refers it, idempotent per entity; on the case, the entity it came from. The entity
 * is known here by its id only: this department reads nothing else of it.
 */
function referralResolvers(referral: Referral): { readonly toCase: ClassType; readonly fromCase: ClassType } {
  @Resolver(() => referral.entity)
  class ReferralResolver {
    @FieldResolver(() => EnforcementCase, { nullable: true, description: referral.describe.referredCase })
    async referredCase(@Root() entity: EntityReference, @Ctx() context: Context): Promise<CaseRow | null> {
      const row = await referral.caseOf(context.loaders).load(entity.id);
      return row && canSeeCase(context.caller, row) ? row : null;
    }

    @Mutation(() => EnforcementCase, { name: referral.mutation, description: referral.describe.mutation })
    async refer(
      @Arg(referral.argument, () => ID) originId: string,
      @Arg('type', () => CaseType) type: CaseType,
      @Arg('note', { description: referral.describe.note }) note: string,
      @Arg('place', () => ID, { description: referral.describe.place }) place: string,
      @Ctx() context: Context,
    ): Promise<CaseRow> {
      requireOfficer(context.caller);
      const origin = validate(identifier(), originId, referral.argument);
      return openCase(context, {
        type,
        source: referral.source,
        originId: origin,
        place,
        note: validate(caseNote, note, 'note'),
        party: null,
      });
    }
  }

  @Resolver(() => EnforcementCase)
  class CaseOriginResolver {
    // Named for the entity: type-graphql tells an object type's field resolvers apart by method name.
    @FieldResolver(() => referral.entity, { nullable: true, description: referral.describe.caseField })
    @Sensitive({ level: 'INTERNAL', mask: 'NULL' })
    [referral.caseField](@Root() row: CaseRow): EntityReference | null {
      return row.source === referral.source && row.originId ? { id: row.originId } : null;
    }
  }

  return { toCase: ReferralResolver, fromCase: CaseOriginResolver };
}

// In this order, alert, petition, repair request: the order of their fields in the printed schema.

/** The monitoring department's early-warning alerts. */
export const alertReferral = referralResolvers({
  entity: AlertReference,
  source: CaseSource.ALERT,
  caseOf: (loaders) => loaders.caseByAlert,
  mutation: 'referAlert',
  argument: 'alertId',
  caseField: 'alert',
  describe: {
    referredCase: 'The enforcement case this alert was referred to (移交综合执法), if any and visible to the caller.',
    mutation:
      'An enforcement officer opens a case from an early-warning alert (e.g. repeated complaints about an illegal structure, a fire-safety hazard). Idempotent per alert: referring it again returns the same case.',
    note: 'Why the alert needs enforcement, 1 to 2000 characters; kept as the first note of evidence.',
    place: 'A building id or a region id: this department does not read alerts, so the officer says where (the alert’s place).',
    caseField: 'The early-warning alert the case was referred from.',
  },
});

/**
 * The petitions department's petitions. Nothing else of a petition is read or kept here; above all
 * not who filed it (信访工作条例).
 */
export const petitionReferral = referralResolvers({
  entity: PetitionReference,
  source: CaseSource.PETITION_REFERRAL,
  caseOf: (loaders) => loaders.caseByPetition,
  mutation: 'referPetition',
  argument: 'petitionId',
  caseField: 'petition',
  describe: {
    referredCase: 'The enforcement case this petition was referred to, if any and visible to the caller.',
    mutation:
      'An enforcement officer opens a case from a petition. The case records only the petition’s id: it has no complainant, and its party is the one investigated. Idempotent per petition.',
    note: 'What is to be investigated, 1 to 2000 characters, without the petitioner’s identity; kept as the first note of evidence.',
    place: 'A building id or a region id: this department does not read petitions, so the officer says where.',
    caseField: 'The petition the case was referred from.',
  },
});

/** The requests department's repair requests. */
export const repairRequestReferral = referralResolvers({
  entity: RepairRequestReference,
  source: CaseSource.REQUEST_REFERRAL,
  caseOf: (loaders) => loaders.caseByRequest,
  mutation: 'referRepairRequest',
  argument: 'requestId',
  caseField: 'repairRequest',
  describe: {
    referredCase: 'The enforcement case this request was referred to (移交综合执法), if any and visible to the caller.',
    mutation:
      'An enforcement officer opens a case from a repair request (e.g. an illegal structure blocking a repair). Idempotent per request: referring it again returns the same case.',
    note: 'Why the request needs enforcement, 1 to 2000 characters; kept as the first note of evidence.',
    place: 'A building id or a region id: this department does not read requests, so the officer says where.',
    caseField: 'The repair request the case was referred from.',
  },
});
