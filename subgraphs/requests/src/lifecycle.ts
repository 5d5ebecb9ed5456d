// The lifecycle of a repair request as data: which action moves it from which status to which, and who
// may take it. Pure: no database, no clock, so the whole table is unit-tested (test/lifecycle.test.ts)
// and the resolvers only carry out what it allows.
import type { Caller } from '@liangling/schema';

export const STATUSES = ['SUBMITTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'ESCALATED'] as const;
export type Status = (typeof STATUSES)[number];

/** 分级响应: what the community cannot solve goes up, one tier at a time, to the city management platform. */
export const TIERS = ['COMMUNITY', 'STREET', 'DISTRICT', 'CITY'] as const;
export type Tier = (typeof TIERS)[number];

/** Still someone's work: the escalation sweep looks only at these. */
export const OPEN_STATUSES: readonly Status[] = ['SUBMITTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'ESCALATED'];

/** The tier above, or undefined at the top (CITY). */
export function nextTier(tier: Tier): Tier | undefined {
  return TIERS[TIERS.indexOf(tier) + 1];
}

/**
 * Which officers answer for a request at each tier above the community. The token of an officer
 * carries a department code and no region, so at STREET, DISTRICT and CITY the city management
 * department (城市管理, the owner of this subgraph and of the city management platform) acts; at
 * COMMUNITY the grid workers and community staff of the request's area do.
 */
export const TIER_OFFICERS: Readonly<Record<Tier, readonly string[]>> = {
  COMMUNITY: [],
  STREET: ['CITY_MANAGEMENT'],
  DISTRICT: ['CITY_MANAGEMENT'],
  CITY: ['CITY_MANAGEMENT'],
};

/**
 * The parts a caller can play on one request:
 * - `submitter`: the resident who submitted it;
 * - `areaStaff`: a grid worker or community staff whose regions cover it, while it sits at COMMUNITY;
 * - `tierOfficer`: an officer of the department answering at its tier (STREET and up);
 * - `assignee`: the partner organisation it is dispatched to;
 * - `system`: an internal job (the escalation sweep), the `service` role.
 */
export type Actor = 'submitter' | 'areaStaff' | 'tierOfficer' | 'assignee' | 'system';

export const ACTIONS = ['ACCEPT', 'DISPATCH', 'PROGRESS', 'RESOLVE', 'CLOSE', 'RATE', 'ESCALATE', 'OPEN_JOINT'] as const;
export type Action = (typeof ACTIONS)[number];

export interface Transition {
  readonly from: readonly Status[];
  /** `null`: the status stays (rating). */
  readonly to: Status | null;
  readonly actors: readonly Actor[];
}

/** The table: every allowed move. Anything not here is refused. */
export const TRANSITIONS: Readonly<Record<Action, Transition>> = {
  // The area's staff take it on; after an escalation, the new tier's officers take it on again.
  ACCEPT: { from: ['SUBMITTED', 'ESCALATED'], to: 'ACCEPTED', actors: ['areaStaff', 'tierOfficer'] },
  DISPATCH: { from: ['ACCEPTED'], to: 'DISPATCHED', actors: ['areaStaff', 'tierOfficer'] },
  PROGRESS: { from: ['DISPATCHED'], to: 'IN_PROGRESS', actors: ['assignee'] },
  RESOLVE: { from: ['IN_PROGRESS'], to: 'RESOLVED', actors: ['assignee'] },
  // The resident confirms the repair (确认): closed.
  CLOSE: { from: ['RESOLVED'], to: 'CLOSED', actors: ['submitter'] },
  RATE: { from: ['RESOLVED', 'CLOSED'], to: null, actors: ['submitter'] },
  ESCALATE: { from: OPEN_STATUSES, to: 'ESCALATED', actors: ['areaStaff', 'tierOfficer', 'system'] },
  OPEN_JOINT: { from: ['ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'ESCALATED'], to: 'IN_PROGRESS', actors: ['areaStaff', 'tierOfficer'] },
};

/** What the table needs to know of a request. */
export interface RequestFacts {
  readonly status: Status;
  readonly tier: Tier;
  readonly submittedById: string;
  /** Region ids from the city down to the grid. */
  readonly regionPath: readonly string[];
  readonly assigneeId: string | null;
}

/** The parts `caller` plays on `request`; usually one, often none. */
export function actorsOf(caller: Caller, request: RequestFacts): Set<Actor> {
  const actors = new Set<Actor>();
  switch (caller.role) {
    case 'resident':
      if (caller.sub && caller.sub === request.submittedById) actors.add('submitter');
      break;
    case 'grid_worker':
    case 'community_staff':
      if (request.tier === 'COMMUNITY' && request.regionPath.some((id) => caller.regions.includes(id))) actors.add('areaStaff');
      break;
    case 'department_officer':
      if (caller.department && TIER_OFFICERS[request.tier].includes(caller.department)) actors.add('tierOfficer');
      break;
    case 'partner':
      if (caller.organisation && caller.organisation === request.assigneeId) actors.add('assignee');
      break;
    case 'service':
      actors.add('system');
      break;
    default:
      break;
  }
  return actors;
}

export type Verdict =
  | { readonly ok: true; readonly to: Status; readonly actor: Actor }
  | { readonly ok: false; readonly code: 'FORBIDDEN' | 'CONFLICT'; readonly reason: string };

/**
 * May `caller` take `action` on `request` now? Who comes first: a caller who may never take the action
 * on this request is FORBIDDEN whatever its status; one who may, but not in this status, gets CONFLICT.
 */
export function decideTransition(action: Action, caller: Caller, request: RequestFacts): Verdict {
  const transition = TRANSITIONS[action];
  const mine = actorsOf(caller, request);
  const actor = transition.actors.find((candidate) => mine.has(candidate));
  if (!actor) return { ok: false, code: 'FORBIDDEN', reason: `${action} on this request is for ${transition.actors.map(describeActor).join(', ')}` };
  if (!transition.from.includes(request.status)) {
    return { ok: false, code: 'CONFLICT', reason: `a ${request.status} request cannot be ${PAST[action]}; it must be ${transition.from.join(' or ')}` };
  }
  if (action === 'ESCALATE' && !nextTier(request.tier)) return { ok: false, code: 'CONFLICT', reason: 'the request is already at the city management platform, the top tier' };
  return { ok: true, to: transition.to ?? request.status, actor };
}

const PAST: Readonly<Record<Action, string>> = {
  ACCEPT: 'accepted',
  DISPATCH: 'dispatched',
  PROGRESS: 'started',
  RESOLVE: 'resolved',
  CLOSE: 'closed',
  RATE: 'rated',
  ESCALATE: 'escalated',
  OPEN_JOINT: 'put to joint resolution',
};

function describeActor(actor: Actor): string {
  switch (actor) {
    case 'submitter':
      return 'the resident who submitted it';
    case 'areaStaff':
      return 'grid workers and community staff of its area while it is at the community tier';
    case 'tierOfficer':
      return 'officers of the department answering at its tier';
    case 'assignee':
      return 'the organisation it is dispatched to';
    case 'system':
      return 'internal jobs';
  }
}
