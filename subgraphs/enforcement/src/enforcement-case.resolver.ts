import { randomUUID } from 'node:crypto';
import {
  connection,
  type ConnectionShape,
  ConnectionType,
  invalidInput,
  keysetAfter,
  keysetOrderBy,
  type KeysetOrder,
  ListSize,
  Sensitive,
  transition,
  underPath,
  validate,
} from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { canListCases, canReadPublicSummary, canSeeCase, requireOfficer } from './access';
import { CaseParty, partyOf } from './case-party';
import type { Context } from './context';
import { EnforcementCase } from './enforcement-case';
import { caseNote, decisionSchema, PartyInput, partySchema, registerCaseSchema } from './enforcement-case.inputs';
import { CaseSource, CaseStatus, CaseType } from './enums';
import { EvidenceNote, type EvidenceSource } from './evidence-note';
import type { EnforcementCase as CaseRow, Prisma } from './generated/prisma/client';
import { caseLifecycle, type CaseAction } from './lifecycle';
import { openCase, partyColumns } from './open-case';
import { BuildingReference, RegionReference } from './references';

const EnforcementCaseConnection = ConnectionType('EnforcementCase', EnforcementCase);

/** Cases newest first: by registration, then id. */
const NEWEST_REGISTERED: KeysetOrder = [
  ['registeredAt', 'desc'],
  ['id', 'desc'],
];

// Not found and not visible read the same: the id in hand may be a guess.
const NO_SUCH_CASE = 'No such enforcement case, or not one you may see.';

/** The case `id`, if the caller may know it exists; else null, the same as for an id no one has. */
export async function visibleCase(id: string, context: Context): Promise<CaseRow | null> {
  const row = await context.loaders.enforcementCase.load(id);
  return row && canSeeCase(context.caller, row) ? row : null;
}

/** The reference resolver of `EnforcementCase`: other subgraphs' keys, decided like `enforcementCase(id)`. */
export function resolveEnforcementCase(reference: { id?: unknown }, context: Context): Promise<CaseRow | null> {
  return visibleCase(String(reference.id), context);
}

@Resolver(() => EnforcementCase)
export class EnforcementCaseResolver {
  @Query(() => EnforcementCase, {
    nullable: true,
    description: 'One case: for staff, for the resident who is its party, and for anyone once closed.',
  })
  enforcementCase(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<CaseRow | null> {
    return visibleCase(id, context);
  }

  @Query(() => EnforcementCaseConnection, {
    description: 'Cases newest first, narrowed by region (and everything under it), status, type and officer; for officers and oversight.',
  })
  async enforcementCases(
    @Ctx() context: Context,
    @Arg('regionId', () => ID, { nullable: true }) regionId?: string,
    @Arg('status', () => CaseStatus, { nullable: true }) status?: CaseStatus,
    @Arg('type', () => CaseType, { nullable: true }) type?: CaseType,
    @Arg('officer', () => String, { nullable: true, description: 'Staff id of the officer handling the cases.' }) officer?: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConnectionShape<CaseRow>> {
    if (!canListCases(context.caller)) throw codedError('FORBIDDEN', 'Listing enforcement cases is for officers and oversight.');
    return connection(
      { first, after },
      {
        key: ['date', 'string'],
        keyOf: (row) => [row.registeredAt, row.id],
        load: async (page) => {
          const region = regionId ? await context.loaders.region.load(regionId) : undefined;
          if (region === null) throw codedError('NOT_FOUND', `There is no region ${regionId}.`, { argument: 'regionId' });
          const where: Prisma.EnforcementCaseWhereInput = {
            ...(region ? { regionPath: underPath(region.path) } : {}),
            ...(status ? { status } : {}),
            ...(type ? { type } : {}),
            ...(officer ? { officerId: officer } : {}),
          };
          return context.db.enforcementCase.findMany({
            where: { AND: [where, keysetAfter<Prisma.EnforcementCaseWhereInput>(NEWEST_REGISTERED, page.after)] },
            orderBy: keysetOrderBy<Prisma.EnforcementCaseOrderByWithRelationInput>(NEWEST_REGISTERED),
            take: page.take,
          });
        },
      },
    );
  }

  @Mutation(() => EnforcementCase, { description: 'An officer registers (立案) a case found on patrol.' })
  async registerCase(
    @Arg('type', () => CaseType) type: CaseType,
    @Arg('place', () => ID, { description: 'A building id or a region id.' }) place: string,
    @Arg('note', { description: 'What was found, 1 to 2000 characters; kept as the first note of evidence.' }) note: string,
    @Ctx() context: Context,
    @Arg('party', () => PartyInput, { nullable: true }) party?: PartyInput,
  ): Promise<CaseRow> {
    requireOfficer(context.caller);
    const checked = validate(registerCaseSchema, { party, note });
    return openCase(context, { type, source: CaseSource.PATROL, originId: null, place, ...checked });
  }

  @Mutation(() => EnforcementCase, {
    description: 'An officer starts investigating (调查) a registered case, naming its party if known by now.',
  })
  async startInvestigation(
    @Arg('id', () => ID) id: string,
    @Ctx() context: Context,
    @Arg('party', () => PartyInput, { nullable: true }) party?: PartyInput,
  ): Promise<CaseRow> {
    requireOfficer(context.caller);
    const details = party ? validate(partySchema, party, 'party') : null;
    const row = await caseToHandle(id, context);
    return move(row, 'startInvestigation', context, {
      investigatingAt: context.now(),
      // The officer who takes up the investigation handles the case from now on.
      officerId: context.caller.sub ?? row.officerId,
      ...(details ? partyColumns(details) : {}),
    });
  }

  @Mutation(() => EnforcementCase, { description: 'An officer adds a note of evidence to a case under investigation.' })
  async addEvidence(@Arg('id', () => ID) id: string, @Arg('note') note: string, @Ctx() context: Context): Promise<CaseRow> {
    requireOfficer(context.caller);
    const text = validate(caseNote, note, 'note');
    const row = await caseToHandle(id, context);
    return move(row, 'addEvidence', context, {}, async (tx) => {
      await tx.evidenceNote.create({
        data: { id: `ev-${randomUUID()}`, caseId: row.id, note: text, addedBy: context.caller.sub ?? 'unknown', addedAt: context.now() },
      });
    });
  }

  @Mutation(() => EnforcementCase, {
    description: 'An officer decides (处罚决定) a case whose party is known. The public summary must not name the party.',
  })
  async decideCase(
    @Arg('id', () => ID) id: string,
    @Arg('penalty') penalty: string,
    @Arg('decision') decision: string,
    @Arg('publicSummary') publicSummary: string,
    @Ctx() context: Context,
  ): Promise<CaseRow> {
    requireOfficer(context.caller);
    const values = validate(decisionSchema, { penalty, decision, publicSummary });
    const row = await caseToHandle(id, context);
    if (caseLifecycle.allows('decide', row.status)) {
      if (!row.partyName)
        throw codedError('CONFLICT', 'Name the party (startInvestigation with party) before deciding the case; nothing was changed.', {
          status: row.status,
        });
      if (values.publicSummary.includes(row.partyName))
        throw invalidInput('publicSummary', 'must not name the party: 行政处罚公示 is published without party names');
    }
    return move(row, 'decide', context, { ...values, decidedAt: context.now() });
  }

  @Mutation(() => EnforcementCase, { description: 'An officer records that a decided case has been carried out (执行).' })
  async executeCase(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<CaseRow> {
    requireOfficer(context.caller);
    return move(await caseToHandle(id, context), 'execute', context, { executedAt: context.now() });
  }

  @Mutation(() => EnforcementCase, { description: 'An officer closes (结案) an executed case; its public summary is published.' })
  async closeCase(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<CaseRow> {
    requireOfficer(context.caller);
    return move(await caseToHandle(id, context), 'close', context, { closedAt: context.now() });
  }

  @FieldResolver(() => RegionReference, { description: 'The district (区) the case is in.' })
  district(@Root() row: CaseRow): RegionReference {
    return { id: row.districtId };
  }

  @FieldResolver(() => RegionReference, { nullable: true, description: 'Where the case is: the building’s grid, or the region given.' })
  @Sensitive({ level: 'INTERNAL', mask: 'NULL' })
  region(@Root() row: CaseRow): RegionReference {
    return { id: row.regionId };
  }

  @FieldResolver(() => BuildingReference, { nullable: true, description: 'The building, when the case is at one.' })
  @Sensitive({ level: 'INTERNAL', mask: 'NULL' })
  building(@Root() row: CaseRow): BuildingReference | null {
    return row.buildingId ? { id: row.buildingId } : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Staff id of the officer handling the case.' })
  @Sensitive({ level: 'INTERNAL', mask: 'NULL' })
  officer(@Root() row: CaseRow): string {
    return row.officerId;
  }

  @FieldResolver(() => CaseParty, {
    nullable: true,
    description: 'The party investigated, once known. Its name and identity are SENSITIVE.',
  })
  // The owner lets the gateway pass a resident's question about a case they are the party of; the
  // source then decides by the row.
  @Sensitive({ level: 'INTERNAL', mask: 'NULL', owner: 'partyResidentId' })
  party(@Root() row: CaseRow): CaseParty | null {
    return partyOf(row);
  }

  @ListSize({ assumedSize: 100 })
  @FieldResolver(() => [EvidenceNote], {
    nullable: true,
    description: 'Notes of evidence, oldest first: SECRET, for enforcement officers only.',
  })
  @Sensitive({ level: 'SECRET', mask: 'NULL' })
  async evidence(@Root() row: CaseRow, @Ctx() context: Context): Promise<EvidenceSource[]> {
    return (await context.loaders.evidenceByCase.load(row.id)).map((note) => ({ ...note, regionPath: row.regionPath }));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      '行政处罚公示: the public summary of the decision, naming no party. Null until the case is closed (its officers see the draft).',
  })
  publicSummary(@Root() row: CaseRow, @Ctx() context: Context): string | null {
    return canReadPublicSummary(context.caller, row) ? row.publicSummary : null;
  }
}

/** A case an enforcement officer acts on. */
async function caseToHandle(id: string, context: Context): Promise<CaseRow> {
  const row = await context.loaders.enforcementCase.load(id);
  if (!row) throw codedError('NOT_FOUND', NO_SUCH_CASE);
  return row;
}

/**
 * Takes an action through the kit's guarded transition: refused with CONFLICT unless the case's status
 * allows it, `data` written with the status guard in one transaction, `alsoWrite` after the guard held;
 * the request's loaders then see the case as it is now.
 */
function move(
  row: CaseRow,
  action: CaseAction,
  context: Context,
  data: Prisma.EnforcementCaseUpdateManyMutationInput,
  alsoWrite?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<CaseRow> {
  return transition(caseLifecycle, context.db, {
    action,
    row,
    update: (tx, guard) => tx.enforcementCase.updateMany({ where: guard.where, data: { ...data, ...guard.data } }),
    ...(alsoWrite ? { after: alsoWrite } : {}),
    read: (tx) => tx.enforcementCase.findUniqueOrThrow({ where: { id: row.id } }),
    settled: (updated) => {
      context.loaders.enforcementCase.clear(row.id).prime(row.id, updated);
      context.loaders.evidenceByCase.clear(row.id);
    },
  });
}
