import { randomUUID } from 'node:crypto';
import { invalidInput, pathIds, Sensitive, transition, validate } from '@liangling/kit';
import { codedError, hasScope } from '@liangling/schema';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { mayHandle } from './access';
import { Alert, AlertPlace, AlertRelations, RaisedAlert } from './alert';
import { publishAlertRaised } from './alert-events';
import { RaiseAlertInput, raiseAlertSchema, resolutionSchema } from './alert.inputs';
import { ALERT_DEPARTMENT } from './alert-kind';
import { classified } from './alert-privacy';
import type { Context } from './context';
import { AlertStatus } from './enums';
import { Prisma, type Alert as AlertRow } from './generated/prisma/client';
import { alertLifecycle, type AlertAction } from './lifecycle';
import { ResidentReference } from './references';

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
    if (!hasScope(caller, 'alerts:write'))
      throw codedError('FORBIDDEN', 'Alerts are raised by the early-warning engine (a credential with the alerts:write scope).');
    const { dedupeKey } = validate(raiseAlertSchema, input);
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
      publishAlertRaised(alert);
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
    const text = validate(resolutionSchema, { resolution }).resolution;
    return move(context, id, 'resolve', text);
  }

  // Place, evidence, resident and related ids are what the alert was fused from: each is decided per
  // reader at its kind's level (ALERT_CLASSIFICATION, alert-privacy.ts); the directives are the floor.

  @FieldResolver(() => AlertPlace, {
    nullable: true,
    description: 'Where it is; as private as its kind says (a care alert’s place is its household’s).',
  })
  @Sensitive({ level: 'INTERNAL' })
  place(@Root() alert: AlertRow, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): AlertPlace | null {
    return classified(context, alert, 'place', info, () => {
      const regionPath = pathIds(alert.regionPath);
      return { regionPath, region: { id: regionPath.at(-1) ?? '' }, building: alert.buildingId ? { id: alert.buildingId } : null };
    });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'What the rule saw, naming no person; null when the evidence is about a resident (see personalEvidence). As private as its kind says.',
  })
  @Sensitive({ level: 'INTERNAL' })
  evidence(@Root() alert: AlertRow, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): string | null {
    return classified(context, alert, 'evidence', info, () => alert.evidence);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'What the rule saw about a resident (ELDERLY_INACTIVITY): personal at least, sensitive for a care alert.',
  })
  @Sensitive({ level: 'INTERNAL', mask: 'REDACT', owner: 'residentId' })
  personalEvidence(@Root() alert: AlertRow, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): string | null {
    return classified(context, alert, 'personalEvidence', info, () => alert.personalEvidence);
  }

  @FieldResolver(() => ResidentReference, {
    nullable: true,
    description: 'The resident the alert is about, if any: personal at least, sensitive for a care alert.',
  })
  @Sensitive({ level: 'INTERNAL', mask: 'NULL', owner: 'residentId' })
  resident(@Root() alert: AlertRow, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): ResidentReference | null {
    return classified(context, alert, 'resident', info, () => (alert.residentId ? { id: alert.residentId } : null));
  }

  @FieldResolver(() => AlertRelations, {
    nullable: true,
    description: 'The records it was raised on; as private as its place (a device’s place leads to it).',
  })
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

/** Acknowledges or resolves an alert through its lifecycle: of two concurrent moves one wins, the other is refused with CONFLICT. */
async function move(context: Context, id: string, action: AlertAction, resolution?: string): Promise<AlertRow> {
  const alert = await context.db.alert.findUnique({ where: { id } });
  if (!alert) throw codedError('NOT_FOUND', `There is no alert ${id}.`, { argument: 'id' });
  if (!mayHandle(context.caller, alert))
    throw codedError(
      'FORBIDDEN',
      'Alerts are handled by emergency officers, officers of the department they are routed to, and staff of their place.',
    );
  const who = context.caller.sub ?? context.caller.role;
  const now = context.now();
  const done =
    action === 'acknowledge'
      ? { acknowledgedAt: now, acknowledgedBy: who }
      : { resolvedAt: now, resolvedBy: who, resolution: resolution ?? null };
  return transition(alertLifecycle, context.db, {
    action,
    row: alert,
    update: (tx, guard) => tx.alert.updateMany({ where: guard.where, data: { ...guard.data, ...done } }),
    read: (tx) => tx.alert.findUniqueOrThrow({ where: { id } }),
    settled: (moved) => context.loaders.alert.clear(id).prime(id, moved),
  });
}

/** The place of a candidate, from this department's read model: household, else building, else region. */
async function placeOf(context: Context, input: RaiseAlertInput): Promise<{ regionPath: string; buildingId: string | null }> {
  if (input.householdId) {
    const household = await context.loaders.household.load(input.householdId);
    if (!household) throw invalidInput('householdId', `There is no household ${input.householdId}`);
    return { regionPath: household.regionPath, buildingId: household.buildingId };
  }
  if (input.buildingId) {
    const building = await context.loaders.building.load(input.buildingId);
    if (!building) throw invalidInput('buildingId', `There is no building ${input.buildingId}`);
    return { regionPath: building.regionPath, buildingId: building.id };
  }
  if (input.regionId) {
    const region = await context.loaders.region.load(input.regionId);
    if (!region) throw invalidInput('regionId', `There is no region ${input.regionId}`);
    return { regionPath: region.path, buildingId: null };
  }
  throw invalidInput('regionId', 'An alert needs a place: householdId, buildingId or regionId');
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

export async function resolveAlert(reference: { id?: unknown }, context: Context): Promise<AlertRow | null> {
  return context.loaders.alert.load(String(reference.id));
}
