import { randomUUID } from 'node:crypto';
import { BuildingReference, pathIds, RegionReference, ResidentReference, Sensitive } from '@liangling/kit';
import { codedError, hasScope, type RowScope } from '@liangling/schema';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, Info, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ALERT_DEPARTMENT, AlertKind, AlertSeverity, AlertStatus } from './alert-kind';
import { mayHandle, transition, type AlertAction } from './alert-lifecycle';
import { classified } from './alert-privacy';
import type { Context } from './context';
import { Prisma, type Alert as AlertRow } from './generated/prisma/client';
import { EMERGENCY } from './places';

@ObjectType({ description: 'Where an alert is: its region path (down to a grid, or a street for a surge) and its building.' })
export class AlertPlace {
  @Field(() => [ID], { description: 'Region ids from the city down.' })
  regionPath!: string[];

  @Field(() => RegionReference, { description: 'The smallest region that holds it.' })
  region!: RegionReference;

  @Field(() => BuildingReference, { nullable: true })
  building!: BuildingReference | null;
}

@ObjectType({ description: 'The records an alert was raised on, by id, for staff to follow up in their departments.' })
export class AlertRelations {
  @Field(() => [ID])
  deviceIds!: string[];

  @Field(() => [ID], { description: 'Repair requests (requests subgraph).' })
  requestIds!: string[];

  @Field(() => [ID], { description: 'Petitions (petitions subgraph).' })
  petitionIds!: string[];
}

@ObjectType({ description: 'An early warning (预警), raised by the early-warning engine from data of several departments.' })
@Directive('@key(fields: "id")')
export class Alert {
  @Field(() => ID)
  id!: string;

  @Field(() => AlertKind)
  kind!: AlertKind;

  @Field(() => AlertSeverity)
  severity!: AlertSeverity;

  @Field(() => AlertStatus)
  status!: AlertStatus;

  @Field({ description: 'Code of the department it is routed to; the emergency department may handle any alert.' })
  department!: string;

  @Field(() => Date)
  raisedAt!: Date;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  residentId!: string | null;
  regionPath!: string;
}

/**
 * Alerts are the emergency department's records, and of the department they are routed to, lying where
 * their place is; evidence about a resident is theirs.
 */
export function alertScope(row: AlertRow): RowScope {
  return {
    subjectIds: row.residentId ? [row.residentId] : [],
    regionPath: pathIds(row.regionPath),
    departments: [...new Set([EMERGENCY, row.department])],
  };
}

@InputType({ description: 'An alert candidate of the early-warning engine. Raising the same `dedupeKey` again returns the first alert.' })
export class RaiseAlertInput {
  @Field(() => AlertKind)
  kind!: AlertKind;

  @Field(() => AlertSeverity)
  severity!: AlertSeverity;

  @Field({ description: 'kind + subject + window, 1 to 200 characters: one alert per key, ever.' })
  dedupeKey!: string;

  @Field(() => ID, { nullable: true, description: 'The place, most precise first: a household, a building, or a region (a street for a petition surge).' })
  householdId?: string;

  @Field(() => ID, { nullable: true })
  buildingId?: string;

  @Field(() => ID, { nullable: true })
  regionId?: string;

  @Field({ nullable: true, description: 'What the rule saw, naming no person (up to 2,000 characters).' })
  evidence?: string;

  @Field({ nullable: true, description: 'What the rule saw about the resident `residentId` (up to 2,000 characters).' })
  personalEvidence?: string;

  @Field(() => ID, { nullable: true, description: 'The resident the alert is about.' })
  residentId?: string;

  @Field(() => [ID], { defaultValue: [] })
  deviceIds!: string[];

  @Field(() => [ID], { defaultValue: [] })
  requestIds!: string[];

  @Field(() => [ID], { defaultValue: [] })
  petitionIds!: string[];
}

@ObjectType()
export class RaisedAlert {
  @Field(() => Alert)
  alert!: AlertRow;

  @Field({ description: 'False when an alert with the same dedupe key existed already (nothing new was raised).' })
  created!: boolean;
}

const MAX_TEXT = 2000;

@Resolver(() => Alert)
export class AlertResolver {
  @Query(() => Alert, { nullable: true, description: 'One alert by id; staff only.' })
  @Sensitive({ level: 'INTERNAL' })
  async alert(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<AlertRow | null> {
    return context.loaders.alert.load(id);
  }

  @Mutation(() => RaisedAlert, { description: 'The early-warning engine raises an alert; idempotent on `dedupeKey`.' })
  async raiseAlert(@Arg('input', () => RaiseAlertInput) input: RaiseAlertInput, @Ctx() context: Context): Promise<RaisedAlert> {
    const { caller } = context;
    if (!hasScope(caller, 'alerts:write')) throw codedError('FORBIDDEN', 'Alerts are raised by the early-warning engine (a credential with the alerts:write scope).');
    const dedupeKey = input.dedupeKey.trim();
    if (dedupeKey.length < 1 || dedupeKey.length > 200) throw codedError('BAD_USER_INPUT', 'dedupeKey must be 1 to 200 characters.', { field: 'dedupeKey' });
    for (const field of ['evidence', 'personalEvidence'] as const) {
      if ((input[field]?.length ?? 0) > MAX_TEXT) throw codedError('BAD_USER_INPUT', `${field} is at most ${MAX_TEXT} characters.`, { field });
    }
    if (input.personalEvidence && !input.residentId) {
      throw codedError('BAD_USER_INPUT', 'personalEvidence must name its resident in residentId.', { field: 'residentId' });
    }
    const place = await placeOf(context, input);
    const existing = await context.db.alert.findUnique({ where: { dedupeKey } });
    if (existing) return { alert: existing, created: false };
    try {
      const alert = await context.db.alert.create({
        data: {
          id: `alert-${randomUUID()}`,
          dedupeKey,
          kind: input.kind,
          severity: input.severity,
          department: ALERT_DEPARTMENT[input.kind],
          status: AlertStatus.OPEN,
          regionPath: place.regionPath,
          buildingId: place.buildingId,
          householdId: input.householdId ?? null,
          evidence: input.evidence ?? null,
          personalEvidence: input.personalEvidence ?? null,
          residentId: input.residentId ?? null,
          deviceIds: JSON.stringify(unique(input.deviceIds)),
          requestIds: JSON.stringify(unique(input.requestIds)),
          petitionIds: JSON.stringify(unique(input.petitionIds)),
          raisedAt: context.now(),
          raisedBy: caller.sub ?? 'service',
        },
      });
      return { alert, created: true };
    } catch (error) {
      // Raised concurrently under the same key: the unique index kept one; return it.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const first = await context.db.alert.findUnique({ where: { dedupeKey } });
        if (first) return { alert: first, created: false };
      }
      throw error;
    }
  }

  @Mutation(() => Alert, { description: 'Takes an OPEN alert on: emergency officers, officers of its department, staff of its place.' })
  async acknowledgeAlert(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<AlertRow> {
    return move(context, id, 'acknowledge');
  }

  @Mutation(() => Alert, { description: 'Closes an ACKNOWLEDGED alert, saying what was done (1 to 500 characters).' })
  async resolveAlert(@Arg('id', () => ID) id: string, @Arg('resolution') resolution: string, @Ctx() context: Context): Promise<AlertRow> {
    const text = resolution.trim();
    if (text.length < 1 || text.length > 500) throw codedError('BAD_USER_INPUT', 'resolution must be 1 to 500 characters.', { field: 'resolution' });
    return move(context, id, 'resolve', text);
  }

  // Place, evidence, resident and related ids are what the alert was fused from: each is decided per
  // reader at its kind's level (ALERT_CLASSIFICATION, alert-privacy.ts); the directives are the floor.

  @FieldResolver(() => AlertPlace, { nullable: true, description: 'Where it is; as private as its kind says (a care alert’s place is its household’s).' })
  @Sensitive({ level: 'INTERNAL' })
  place(@Root() alert: AlertRow, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): AlertPlace | null {
    return classified(context, alert, 'place', info, () => {
      const regionPath = pathIds(alert.regionPath);
      return { regionPath, region: { id: regionPath.at(-1) ?? '' }, building: alert.buildingId ? { id: alert.buildingId } : null };
    });
  }

  @FieldResolver(() => String, { nullable: true, description: 'What the rule saw, naming no person; null when the evidence is about a resident (see personalEvidence). As private as its kind says.' })
  @Sensitive({ level: 'INTERNAL' })
  evidence(@Root() alert: AlertRow, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): string | null {
    return classified(context, alert, 'evidence', info, () => alert.evidence);
  }

  @FieldResolver(() => String, { nullable: true, description: 'What the rule saw about a resident (ELDERLY_INACTIVITY): personal at least, sensitive for a care alert.' })
  @Sensitive({ level: 'INTERNAL', mask: 'REDACT', owner: 'residentId' })
  personalEvidence(@Root() alert: AlertRow, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): string | null {
    return classified(context, alert, 'personalEvidence', info, () => alert.personalEvidence);
  }

  @FieldResolver(() => ResidentReference, { nullable: true, description: 'The resident the alert is about, if any: personal at least, sensitive for a care alert.' })
  @Sensitive({ level: 'INTERNAL', mask: 'NULL', owner: 'residentId' })
  resident(@Root() alert: AlertRow, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): ResidentReference | null {
    return classified(context, alert, 'resident', info, () => (alert.residentId ? { id: alert.residentId } : null));
  }

  @FieldResolver(() => AlertRelations, { nullable: true, description: 'The records it was raised on; as private as its place (a device’s place leads to it).' })
  @Sensitive({ level: 'INTERNAL' })
  related(@Root() alert: AlertRow, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): AlertRelations | null {
    return classified(context, alert, 'related', info, () => ({
      deviceIds: JSON.parse(alert.deviceIds) as string[],
      requestIds: JSON.parse(alert.requestIds) as string[],
      petitionIds: JSON.parse(alert.petitionIds) as string[],
    }));
  }

  @FieldResolver(() => String, { nullable: true, description: 'Who raised it: the engine’s service identity.' })
  @Sensitive({ level: 'INTERNAL' })
  raisedBy(@Root() alert: AlertRow): string {
    return alert.raisedBy;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Staff id of who acknowledged it.' })
  @Sensitive({ level: 'INTERNAL' })
  acknowledgedBy(@Root() alert: AlertRow): string | null {
    return alert.acknowledgedBy;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Staff id of who resolved it.' })
  @Sensitive({ level: 'INTERNAL' })
  resolvedBy(@Root() alert: AlertRow): string | null {
    return alert.resolvedBy;
  }

  @FieldResolver(() => String, { nullable: true, description: 'What was done.' })
  @Sensitive({ level: 'INTERNAL' })
  resolution(@Root() alert: AlertRow): string | null {
    return alert.resolution;
  }
}

async function move(context: Context, id: string, action: AlertAction, resolution?: string): Promise<AlertRow> {
  const alert = await context.db.alert.findUnique({ where: { id } });
  if (!alert) throw codedError('NOT_FOUND', `There is no alert ${id}.`, { argument: 'id' });
  if (!mayHandle(context.caller, alert)) throw codedError('FORBIDDEN', 'Alerts are handled by emergency officers, officers of the department they are routed to, and staff of their place.');
  const next = transition(alert.status, action);
  if (!next.ok) throw codedError('CONFLICT', next.reason, { status: alert.status });
  const who = context.caller.sub ?? context.caller.role;
  const now = context.now();
  // Conditional on the status read above: of two concurrent acknowledgements, one wins, one conflicts.
  const { count } = await context.db.alert.updateMany({
    where: { id, status: alert.status },
    data: action === 'acknowledge' ? { status: next.to, acknowledgedAt: now, acknowledgedBy: who } : { status: next.to, resolvedAt: now, resolvedBy: who, resolution: resolution ?? null },
  });
  if (count === 0) throw codedError('CONFLICT', 'The alert changed meanwhile; read it again.', { status: alert.status });
  return (await context.db.alert.findUnique({ where: { id } })) as AlertRow;
}

/** The place of a candidate, from this department's read model: household, else building, else region. */
async function placeOf(context: Context, input: RaiseAlertInput): Promise<{ regionPath: string; buildingId: string | null }> {
  if (input.householdId) {
    const household = await context.loaders.household.load(input.householdId);
    if (!household) throw codedError('BAD_USER_INPUT', `There is no household ${input.householdId}.`, { field: 'householdId' });
    return { regionPath: household.regionPath, buildingId: household.buildingId };
  }
  if (input.buildingId) {
    const building = await context.loaders.building.load(input.buildingId);
    if (!building) throw codedError('BAD_USER_INPUT', `There is no building ${input.buildingId}.`, { field: 'buildingId' });
    return { regionPath: building.regionPath, buildingId: building.id };
  }
  if (input.regionId) {
    const region = await context.loaders.region.load(input.regionId);
    if (!region) throw codedError('BAD_USER_INPUT', `There is no region ${input.regionId}.`, { field: 'regionId' });
    return { regionPath: region.path, buildingId: null };
  }
  throw codedError('BAD_USER_INPUT', 'An alert needs a place: householdId, buildingId or regionId.', { field: 'regionId' });
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

export async function resolveAlert(reference: { id?: unknown }, context: Context): Promise<AlertRow | null> {
  return context.loaders.alert.load(String(reference.id));
}
