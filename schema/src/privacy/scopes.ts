import type { Caller } from './caller';

/**
 * What a non-person credential (a `service` caller: the IoT device gateway, the early-warning engine, any
 * future integration) may do and read, named one scope at a time in its token (`scopes` claim). A
 * service caller covers no row of any field its scopes do not name: below its scopes it is as cleared as
 * an anonymous caller (PUBLIC only), so a field outside them is FORBIDDEN_FIELD and an action outside them
 * FORBIDDEN. SENSITIVE values inside its scopes are revealed only under a purpose its role may use for
 * them (`SENSITIVE_PURPOSES`: early-warning), masked otherwise; SECRET values never.
 *
 * The set is closed: a token naming any other scope is refused as malformed.
 */
export const SCOPES = {
  /** Send device readings (`ingestReadings`) and run the heartbeat sweep: the IoT platform's device gateway. */
  'readings:write': { reads: [] },
  /** Run a department's scheduled sweep through the graph (the requests' escalation, the petitions' review window). */
  'jobs:run': { reads: [] },
  /** Raise alerts (`raiseAlert`): the early-warning engine. */
  'alerts:write': { reads: [] },
  /** Plan the care visit that answers a care alert (`planCareVisit` naming its alert): the early-warning engine. */
  'care-visits:write': { reads: ['Mutation.planCareVisit'] },
  /** Read devices, their places and readings, raw and hour by hour (the sensor, leak and offline rules). */
  'devices:read': {
    reads: [
      'Query.device',
      'Query.devices',
      'Query.deviceReadings',
      'Query.deviceUsage',
      'Device.place',
      'Device.hourlyReadings',
      'Building.devices',
    ],
  },
  /** Read who lives in a metered household and only the two care flags ELDERLY_INACTIVITY reads. */
  'care-flags:read': { reads: ['Household.members', 'Resident.elderly', 'Resident.livesAlone'] },
  /** List repair requests by place and period, with their building (REPEATED_COMPLAINTS). */
  'requests:read': { reads: ['Query.repairRequests', 'RepairRequest.building'] },
  /** List petitions by place and period, with their subject and street (PETITION_SURGE). */
  'petitions:read': { reads: ['Petition.subject', 'Petition.region'] },
  /** Follow a department's subscription streams, which carry entity ids only: the gateway, for its subscribers. */
  'subscriptions:stream': { reads: ['Subscription.alertRaised'] },
} as const satisfies Readonly<Record<string, { readonly reads: readonly string[] }>>;

export type Scope = keyof typeof SCOPES;
export const SCOPE_NAMES = Object.keys(SCOPES) as Scope[];

/** The scopes each service identity of the platform is issued: the engine only what its rules read. */
export const SERVICE_SCOPES = {
  'device-gateway': ['readings:write'],
  'escalation-sweep': ['jobs:run'],
  'review-window-sweep': ['jobs:run'],
  'early-warning': ['alerts:write', 'devices:read', 'care-flags:read', 'requests:read', 'petitions:read', 'care-visits:write'],
  'gateway-subscriptions': ['subscriptions:stream'],
} as const satisfies Readonly<Record<string, readonly Scope[]>>;

const READERS: ReadonlyMap<string, ReadonlySet<Scope>> = (() => {
  const readers = new Map<string, Set<Scope>>();
  for (const name of SCOPE_NAMES) {
    for (const field of SCOPES[name].reads as readonly string[]) readers.set(field, (readers.get(field) ?? new Set()).add(name));
  }
  return readers;
})();

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && Object.hasOwn(SCOPES, value);
}

/** True for a service caller whose credential carries the scope; never for a person. */
export function hasScope(caller: Caller, scope: Scope): boolean {
  return caller.role === 'service' && !!caller.scopes?.includes(scope);
}

/** True for a service caller one of whose scopes names the field (`Type.field`). */
export function scopeReads(caller: Caller, field: string | undefined): boolean {
  if (caller.role !== 'service' || !field || !caller.scopes) return false;
  const readers = READERS.get(field);
  return !!readers && caller.scopes.some((scope) => isScope(scope) && readers.has(scope));
}
