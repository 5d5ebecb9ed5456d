import { randomUUID } from 'node:crypto';
import { BuildingReference, type ConnectionShape, ConnectionType, ListSize, OrganisationReference, pageArgs, pathIds, RegionReference, ResidentReference, Sensitive, toConnection, underPath } from '@liangling/kit';
import { codedError, type Caller, type RowScope } from '@liangling/schema';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { CaseSource, CaseStatus, CaseType, ENFORCEMENT, PartyKind } from './enums';
import type { EnforcementCase as CaseRow, EvidenceNote as EvidenceRow, Prisma } from './generated/prisma/client';
import { TRANSITIONS, allows, type CaseAction } from './lifecycle';
import { openCase, type PartyDetails } from './open-case';

@ObjectType({ description: 'A note of evidence gathered in an investigation (调查取证): SECRET, for enforcement officers only.' })
export class EvidenceNote {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  // SECRET here too, with a scope that names no subject, so that the party of a case never reads the
  // file against them, even though the case itself is about them.
  @Sensitive({ level: 'SECRET', mask: 'NULL' })
  note!: string;

  @Field({ description: 'Staff id of the officer who added it.' })
  addedBy!: string;

  @Field()
  addedAt!: Date;

  caseId!: string;
}

/** A note of evidence with where its case is, for the row scope. */
export type EvidenceSource = EvidenceRow & { readonly regionPath: string };

@ObjectType({ description: 'The party investigated (当事人): a resident or an organisation. Not the complainant: a case has no complainant.' })
export class CaseParty {
  @Field(() => PartyKind)
  kind!: PartyKind;

  @Field(() => String, { nullable: true })
  @Sensitive({ level: 'SENSITIVE', mask: 'NAME', owner: 'residentId' })
  name!: string;

  @Field(() => ResidentReference, { nullable: true, description: 'The resident, when the party is one known to the grid platform.' })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'residentId' })
  resident!: ResidentReference | null;

  @Field(() => OrganisationReference, { nullable: true, description: 'The organisation, when the party is one of the big neighbours on record.' })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL' })
  organisation!: OrganisationReference | null;

  residentId!: string | null;
  regionPath!: string;
  /** The case the party is of, and whether it is still open: an open case is the officers' grant (`case-handling`). */
  caseId!: string;
  open!: boolean;
}

@ObjectType({ description: 'A comprehensive enforcement case (综合执法案件).' })
@Directive('@key(fields: "id")')
export class EnforcementCase {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Unique, per district and year, as written on the documents: 沈河执〔2026〕0001号.' })
  caseNumber!: string;

  @Field(() => CaseType)
  type!: CaseType;

  @Field(() => CaseSource)
  source!: CaseSource;

  @Field(() => CaseStatus)
  status!: CaseStatus;

  @Field({ description: 'When the case was registered (立案).' })
  registeredAt!: Date;

  @Field(() => Date, { nullable: true })
  investigatingAt!: Date | null;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  executedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'Id of the repair request, petition or alert the case was referred from; null for a patrol.' })
  @Sensitive({ level: 'INTERNAL', mask: 'NULL' })
  originId!: string | null;

  @Field(() => String, { nullable: true, description: 'The penalty (处罚), e.g. 罚款2000元.' })
  @Sensitive({ level: 'INTERNAL', mask: 'NULL' })
  penalty!: string | null;

  @Field(() => String, { nullable: true, description: 'The decision (处罚决定) with its reasons.' })
  @Sensitive({ level: 'INTERNAL', mask: 'NULL' })
  decision!: string | null;

  publicSummary!: string | null;
  buildingId!: string | null;
  regionId!: string;
  regionPath!: string;
  districtId!: string;
  officerId!: string;
  partyKind!: string | null;
  partyName!: string | null;
  partyResidentId!: string | null;
  partyOrganisationId!: string | null;
}

/** Who and where a case is about: the party if a resident, at the place of the case, in this department's records. */
export function caseScope(row: CaseRow): RowScope {
  return { subjectIds: row.partyResidentId ? [row.partyResidentId] : [], regionPath: pathIds(row.regionPath), departments: [ENFORCEMENT] };
}

export function partyScope(row: CaseParty): RowScope {
  return { subjectIds: row.residentId ? [row.residentId] : [], regionPath: pathIds(row.regionPath), departments: [ENFORCEMENT] };
}

/** Evidence is about no one who may read it: only the department's officers (SECRET) see it. */
export function evidenceScope(row: EvidenceSource): RowScope {
  return { subjectIds: [], regionPath: pathIds(row.regionPath), departments: [ENFORCEMENT] };
}

export function resolveEnforcementCase(reference: { id?: unknown }, context: Context): Promise<CaseRow | null> {
  return visibleCase(String(reference.id), context);
}

const STAFF: ReadonlySet<Caller['role']> = new Set(['grid_worker', 'community_staff', 'department_officer', 'auditor']);
/** Who may list cases: officers of any department (joint resolution) and oversight. */
const LISTING: ReadonlySet<Caller['role']> = new Set(['department_officer', 'auditor']);

export function isEnforcementOfficer(caller: Caller): boolean {
  return caller.role === 'department_officer' && caller.department === ENFORCEMENT;
}

/**
 * Who may know that a case exists: staff; the resident who is its party; anyone once it is closed and
 * its decision public. Everyone else is told there is no such case.
 */
export function canSeeCase(caller: Caller, row: CaseRow): boolean {
  if (STAFF.has(caller.role) || row.status === CaseStatus.CLOSED) return true;
  return caller.role === 'resident' && !!caller.sub && caller.sub === row.partyResidentId;
}

export async function visibleCase(id: string, context: Context): Promise<CaseRow | null> {
  const row = await context.loaders.enforcementCase.load(id);
  return row && canSeeCase(context.caller, row) ? row : null;
}

@InputType({ description: 'The party investigated (当事人).' })
export class PartyInput {
  @Field(() => PartyKind)
  kind!: PartyKind;

  @Field({ description: 'The person’s or organisation’s name, 1 to 100 characters.' })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The resident’s id, when the party is a resident on record.' })
  residentId?: string;

  @Field(() => ID, { nullable: true, description: 'The organisation’s id, when the party is an organisation on record.' })
  organisationId?: string;
}

const EnforcementCaseConnection = ConnectionType('EnforcementCase', EnforcementCase);

// Not found and not visible read the same: the id in hand may be a guess.
const NO_SUCH_CASE = 'No such enforcement case, or not one you may see.';
const OFFICERS_ONLY = 'Only enforcement officers (综合执法) handle cases.';

@Resolver(() => EnforcementCase)
export class EnforcementCaseResolver {
  @Query(() => EnforcementCase, { nullable: true, description: 'One case: for staff, for the resident who is its party, and for anyone once closed.' })
  enforcementCase(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<CaseRow | null> {
    return visibleCase(id, context);
  }

  @Query(() => EnforcementCaseConnection, { description: 'Cases newest first, narrowed by region (and everything under it), status, type and officer; for officers and oversight.' })
  async enforcementCases(
    @Ctx() context: Context,
    @Arg('regionId', () => ID, { nullable: true }) regionId?: string,
    @Arg('status', () => CaseStatus, { nullable: true }) status?: CaseStatus,
    @Arg('type', () => CaseType, { nullable: true }) type?: CaseType,
    @Arg('officer', () => String, { nullable: true, description: 'Staff id of the officer handling the cases.' }) officer?: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConnectionShape<CaseRow>> {
    if (!LISTING.has(context.caller.role)) throw codedError('FORBIDDEN', 'Listing enforcement cases is for officers and oversight.');
    const { take, afterKey } = pageArgs(first, after);
    const region = regionId ? await context.loaders.region.load(regionId) : undefined;
    if (region === null) throw codedError('NOT_FOUND', `There is no region ${regionId}.`, { argument: 'regionId' });
    const where: Prisma.EnforcementCaseWhereInput = {
      ...(region ? { regionPath: underPath(region.path) } : {}),
      ...(status ? { status } : {}),
      ...(type ? { type } : {}),
      ...(officer ? { officerId: officer } : {}),
    };
    const rows = await context.db.enforcementCase.findMany({
      where: afterKey ? { AND: [where, afterCursor(afterKey)] } : where,
      orderBy: [{ registeredAt: 'desc' }, { id: 'desc' }],
      take: take + 1,
    });
    return toConnection(rows, take, (row) => `${row.registeredAt.toISOString()}|${row.id}`);
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
    return openCase(context, { type, source: CaseSource.PATROL, originId: null, place, note, party: party ? checkParty(party) : null });
  }

  @Mutation(() => EnforcementCase, { description: 'An officer starts investigating (调查) a registered case, naming its party if known by now.' })
  async startInvestigation(
    @Arg('id', () => ID) id: string,
    @Ctx() context: Context,
    @Arg('party', () => PartyInput, { nullable: true }) party?: PartyInput,
  ): Promise<CaseRow> {
    requireOfficer(context.caller);
    const details = party ? checkParty(party) : null;
    const row = await this.caseToHandle(id, context);
    return change(row, 'startInvestigation', context, {
      investigatingAt: context.now(),
      // The officer who takes up the investigation handles the case from now on.
      officerId: context.caller.sub ?? row.officerId,
      ...(details ? partyColumns(details) : {}),
    });
  }

  @Mutation(() => EnforcementCase, { description: 'An officer adds a note of evidence to a case under investigation.' })
  async addEvidence(@Arg('id', () => ID) id: string, @Arg('note') note: string, @Ctx() context: Context): Promise<CaseRow> {
    requireOfficer(context.caller);
    const text = checkText(note, 'note', 2000);
    const row = await this.caseToHandle(id, context);
    return change(row, 'addEvidence', context, {}, async (tx) => {
      await tx.evidenceNote.create({ data: { id: `ev-${randomUUID()}`, caseId: row.id, note: text, addedBy: context.caller.sub ?? 'unknown', addedAt: context.now() } });
    });
  }

  @Mutation(() => EnforcementCase, { description: 'An officer decides (处罚决定) a case whose party is known. The public summary must not name the party.' })
  async decideCase(
    @Arg('id', () => ID) id: string,
    @Arg('penalty') penalty: string,
    @Arg('decision') decision: string,
    @Arg('publicSummary') publicSummary: string,
    @Ctx() context: Context,
  ): Promise<CaseRow> {
    requireOfficer(context.caller);
    const values = {
      penalty: checkText(penalty, 'penalty', 500),
      decision: checkText(decision, 'decision', 5000),
      publicSummary: checkText(publicSummary, 'publicSummary', 1000),
    };
    const row = await this.caseToHandle(id, context);
    if (allows('decide', row.status)) {
      if (!row.partyName) throw codedError('CONFLICT', 'Name the party (startInvestigation with party) before deciding the case; nothing was changed.', { status: row.status });
      if (values.publicSummary.includes(row.partyName)) {
        throw codedError('BAD_USER_INPUT', 'publicSummary must not name the party: 行政处罚公示 is published without party names.', { argument: 'publicSummary' });
      }
    }
    return change(row, 'decide', context, { ...values, decidedAt: context.now() });
  }

  @Mutation(() => EnforcementCase, { description: 'An officer records that a decided case has been carried out (执行).' })
  async executeCase(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<CaseRow> {
    requireOfficer(context.caller);
    return change(await this.caseToHandle(id, context), 'execute', context, { executedAt: context.now() });
  }

  @Mutation(() => EnforcementCase, { description: 'An officer closes (结案) an executed case; its public summary is published.' })
  async closeCase(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<CaseRow> {
    requireOfficer(context.caller);
    return change(await this.caseToHandle(id, context), 'close', context, { closedAt: context.now() });
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

  @FieldResolver(() => CaseParty, { nullable: true, description: 'The party investigated, once known. Its name and identity are SENSITIVE.' })
  // The owner lets the gateway pass a resident's question about a case they are the party of; the
  // source then decides by the row.
  @Sensitive({ level: 'INTERNAL', mask: 'NULL', owner: 'partyResidentId' })
  party(@Root() row: CaseRow): CaseParty | null {
    if (!row.partyKind || !row.partyName) return null;
    return {
      kind: row.partyKind as PartyKind,
      name: row.partyName,
      resident: row.partyResidentId ? { id: row.partyResidentId } : null,
      organisation: row.partyOrganisationId ? { id: row.partyOrganisationId } : null,
      residentId: row.partyResidentId,
      regionPath: row.regionPath,
      caseId: row.id,
      open: row.status !== CaseStatus.CLOSED,
    };
  }

  @ListSize({ assumedSize: 100 })
  @FieldResolver(() => [EvidenceNote], { nullable: true, description: 'Notes of evidence, oldest first: SECRET, for enforcement officers only.' })
  @Sensitive({ level: 'SECRET', mask: 'NULL' })
  async evidence(@Root() row: CaseRow, @Ctx() context: Context): Promise<EvidenceSource[]> {
    return (await context.loaders.evidenceByCase.load(row.id)).map((note) => ({ ...note, regionPath: row.regionPath }));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: '行政处罚公示: the public summary of the decision, naming no party. Null until the case is closed (its officers see the draft).',
  })
  publicSummary(@Root() row: CaseRow, @Ctx() context: Context): string | null {
    // Published on closing (行政处罚公示); until then only the officers drafting it see it.
    return row.status === CaseStatus.CLOSED || isEnforcementOfficer(context.caller) ? row.publicSummary : null;
  }

  /** A case an enforcement officer acts on. */
  private async caseToHandle(id: string, context: Context): Promise<CaseRow> {
    const row = await context.loaders.enforcementCase.load(id);
    if (!row) throw codedError('NOT_FOUND', NO_SUCH_CASE);
    return row;
  }
}

export function requireOfficer(caller: Caller): void {
  if (!isEnforcementOfficer(caller)) throw codedError('FORBIDDEN', OFFICERS_ONLY);
}

/**
 * Takes an action in one transaction: refused with CONFLICT unless the case's status allows it, and
 * written only if the status is still one the action starts from, so that a concurrent change cannot
 * slip past; `alsoWrite` runs in the same transaction, after the guard.
 */
async function change(
  row: CaseRow,
  action: CaseAction,
  context: Context,
  data: Prisma.EnforcementCaseUpdateManyMutationInput,
  alsoWrite?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<CaseRow> {
  const { from, to, past } = TRANSITIONS[action];
  const refusal = (status: string) =>
    codedError('CONFLICT', `A case that is ${status} cannot be ${past}; that needs ${from.join(' or ')}. Nothing was changed.`, { status });
  if (!allows(action, row.status)) throw refusal(row.status);
  const updated = await context.db.$transaction(async (tx) => {
    // Writing the status (even unchanged) takes the write lock first, then the condition holds the guard.
    const { count } = await tx.enforcementCase.updateMany({ where: { id: row.id, status: { in: [...from] } }, data: { ...data, status: to ?? row.status } });
    if (count === 0) throw codedError('CONFLICT', 'The case changed meanwhile; nothing was written. Read it again.');
    await alsoWrite?.(tx);
    return tx.enforcementCase.findUniqueOrThrow({ where: { id: row.id } });
  });
  context.loaders.enforcementCase.clear(row.id).prime(row.id, updated);
  context.loaders.evidenceByCase.clear(row.id);
  return updated;
}

export function checkText(value: string, name: string, max: number): string {
  const text = value.trim();
  if (text.length < 1 || text.length > max) throw codedError('BAD_USER_INPUT', `${name} must be 1 to ${max} characters.`, { argument: name });
  return text;
}

const ID_PATTERN = /^[\w.:-]{1,64}$/;

/** The id of a referred request or petition: this department cannot look it up, so it checks its shape. */
export function checkOrigin(id: string, argument: string): string {
  if (!ID_PATTERN.test(id)) throw codedError('BAD_USER_INPUT', `${argument} must be an id (1 to 64 letters, digits or . _ : -).`, { argument });
  return id;
}

export function checkParty(party: PartyInput): PartyDetails {
  const name = checkText(party.name, 'party.name', 100);
  if (party.residentId != null && (party.kind !== PartyKind.RESIDENT || !ID_PATTERN.test(party.residentId))) {
    throw codedError('BAD_USER_INPUT', 'party.residentId is for a RESIDENT party and must be an id.', { argument: 'party.residentId' });
  }
  if (party.organisationId != null && (party.kind !== PartyKind.ORGANISATION || !ID_PATTERN.test(party.organisationId))) {
    throw codedError('BAD_USER_INPUT', 'party.organisationId is for an ORGANISATION party and must be an id.', { argument: 'party.organisationId' });
  }
  return { kind: party.kind, name, residentId: party.residentId ?? null, organisationId: party.organisationId ?? null };
}

export function partyColumns(party: PartyDetails): Pick<CaseRow, 'partyKind' | 'partyName' | 'partyResidentId' | 'partyOrganisationId'> {
  return { partyKind: party.kind, partyName: party.name, partyResidentId: party.residentId, partyOrganisationId: party.organisationId };
}

/** The rows after a cursor `registeredAt|id` of a newest-first list. */
function afterCursor(key: string): Prisma.EnforcementCaseWhereInput {
  const bar = key.indexOf('|');
  const at = new Date(key.slice(0, bar));
  if (bar < 0 || Number.isNaN(at.getTime())) throw codedError('BAD_USER_INPUT', 'after is not a cursor this connection gave out.', { argument: 'after' });
  const id = key.slice(bar + 1);
  return { OR: [{ registeredAt: { lt: at } }, { registeredAt: at, id: { lt: id } }] };
}
