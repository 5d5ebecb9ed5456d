import type { DataLevel } from './levels';

export const ROLES = [
  'anonymous',
  'resident',
  'grid_worker',
  'community_staff',
  'department_officer',
  'partner',
  'auditor',
  'service',
] as const;
export type Role = (typeof ROLES)[number];

/** The city's staff: people who work the graph's records (not residents, partners or services). */
export const STAFF_ROLES: ReadonlySet<Role> = new Set(['grid_worker', 'community_staff', 'department_officer', 'auditor']);

/** True for a member of the city's staff ({@link STAFF_ROLES}). */
export function isStaff(caller: { readonly role: Role }): boolean {
  return STAFF_ROLES.has(caller.role);
}

/**
 * Who is asking, as the gateway verified it. The same shape travels, signed, from the gateway to
 * every subgraph, so that each decision at the source sees exactly what the gateway saw.
 */
export interface Caller {
  readonly role: Role;
  /** The token's subject: a resident id for residents, a staff or client id otherwise. */
  readonly sub?: string;
  /** Region ids (any level) the caller is responsible for: grid workers and community staff. */
  readonly regions: readonly string[];
  /** For a resident: the region ids of their registered home, city down to grid, from the identity provider. */
  readonly home?: readonly string[];
  /** Department code of an officer, e.g. `CITY_MANAGEMENT`. */
  readonly department?: string;
  /** Organisation id of a partner. */
  readonly organisation?: string;
  /** Declared purpose of the processing (PIPL Art. 6), recorded with every reveal. */
  readonly purpose?: string;
  /** The application that carries the request, e.g. the government-service app acting for a resident. */
  readonly clientApp?: string;
  /** What a `service` credential may do and read (`SCOPES` in scopes.ts); ignored for any other role. */
  readonly scopes?: readonly string[];
}

export const ANONYMOUS: Caller = { role: 'anonymous', regions: [] };

/**
 * The highest level a role may know to exist. Below it a field is denied; at or above it, and outside
 * the caller's jurisdiction, the field is masked.
 */
export const CLEARANCE: Readonly<Record<Role, DataLevel>> = {
  anonymous: 'PUBLIC',
  resident: 'PUBLIC',
  partner: 'INTERNAL',
  grid_worker: 'SENSITIVE',
  community_staff: 'SENSITIVE',
  department_officer: 'SENSITIVE',
  auditor: 'SENSITIVE',
  // A service reads only what its scopes name (scopes.ts): outside them, no more than anyone.
  service: 'PUBLIC',
};

/**
 * Purposes for which a role may see SENSITIVE values in its own jurisdiction unmasked
 * (PIPL Art. 28: a specific purpose and strict protection).
 */
export const SENSITIVE_PURPOSES: Readonly<Partial<Record<Role, readonly string[]>>> = {
  grid_worker: ['care-visit', 'emergency'],
  community_staff: ['care-visit', 'social-assistance', 'emergency'],
  department_officer: ['case-handling', 'emergency'],
  service: ['early-warning'],
};

/**
 * The purposes each role may declare (PIPL Art. 6: processing for a specific, reasonable purpose).
 * A caller declares one with its token or the `x-liangling-purpose` header; the gateway refuses any
 * other, and every access record carries the one declared.
 */
export const PURPOSES: Readonly<Record<Role, readonly string[]>> = {
  anonymous: ['public-information', 'neighbour-services'],
  resident: ['resident-self-service', 'neighbour-services'],
  grid_worker: ['grid-visit', 'care-visit', 'emergency'],
  community_staff: ['community-service', 'care-visit', 'social-assistance', 'emergency'],
  department_officer: ['case-handling', 'petition-handling', 'repair-dispatch', 'supervision', 'emergency'],
  partner: ['repair-dispatch', 'service-delivery'],
  auditor: ['supervision'],
  service: ['early-warning', 'escalation', 'device-ingestion'],
};
