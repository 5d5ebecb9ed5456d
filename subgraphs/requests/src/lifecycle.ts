// The lifecycle of a repair request as data: which action moves it from which status to which, and who
// may take it. Pure: no database, no clock, so the whole table is unit-tested (test/lifecycle.test.ts)
// and the resolvers only carry out what it allows, through the kit's `transition()` (moves.ts).
import { defineLifecycle, type Verdict } from '@liangling/kit';
import type { Caller } from '@liangling/schema';

export const STATUSES = ['SUBMITTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'ESCALATED'] as const;
export type Status = (typeof STATUSES)[number];

/** 分级响应: what the community cannot solve goes up, one tier at a time, to the city management platform. */
export const TIERS = ['COMMUNITY', 'STREET', 'DISTRICT', 'CITY'] as const;
export type Tier = (typeof TIERS)[number];

/** Still someone's work: the escalation sweep looks only at these. */
export const OPEN_STATUSES: readonly Status[] = ['SUBMITTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'ESCALATED'];

/** Where a joint resolution can be opened, and where the last of its tasks done resolves the request. */
const JOINT_STATUSES: readonly Status[] = ['ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'ESCALATED'];

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

/** The table: every allowed move. Anything not here is refused. */
export const requestLifecycle = defineLifecycle<Status, Action, Actor>({
  subject: 'request',
  transitions: {
    // The area's staff take it on; after an escalation, the new tier's officers take it on again.
    ACCEPT: { from: ['SUBMITTED', 'ESCALATED'], to: 'ACCEPTED', past: 'accepted', parts: ['areaStaff', 'tierOfficer'] },
    DISPATCH: { from: ['ACCEPTED'], to: 'DISPATCHED', past: 'dispatched', parts: ['areaStaff', 'tierOfficer'] },
    PROGRESS: { from: ['DISPATCHED'], to: 'IN_PROGRESS', past: 'started', parts: ['assignee'] },
    RESOLVE: { from: ['IN_PROGRESS'], to: 'RESOLVED', past: 'resolved', parts: ['assignee'] },
    // The resident confirms the repair (确认): closed.
    CLOSE: { from: ['RESOLVED'], to: 'CLOSED', past: 'closed', parts: ['submitter'] },
    // A rating leaves the status as it is.
    RATE: { from: ['RESOLVED', 'CLOSED'], past: 'rated', parts: ['submitter'] },
    ESCALATE: { from: OPEN_STATUSES, to: 'ESCALATED', past: 'escalated', parts: ['areaStaff', 'tierOfficer', 'system'] },
    OPEN_JOINT: { from: JOINT_STATUSES, to: 'IN_PROGRESS', past: 'put to joint resolution', parts: ['areaStaff', 'tierOfficer'] },
  },
  describeParts: {
    submitter: 'the resident who submitted it',
    areaStaff: 'grid workers and community staff of its area while it is at the community tier',
    tierOfficer: 'officers of the department answering at its tier',
    assignee: 'the organisation it is dispatched to',
    system: 'internal jobs',
  },
});

/**
 * The request's side of a joint resolution: the last department task done resolves it. No caller takes
 * this move; the department does, when the task it was asked to complete is the last one open.
 */
export const jointResolution = defineLifecycle<Status, 'RESOLVE'>({
  subject: 'request',
  transitions: { RESOLVE: { from: JOINT_STATUSES, to: 'RESOLVED', past: 'resolved jointly' } },
});

export type JointTaskStatus = 'OPEN' | 'DONE';

/** One department's task of a joint resolution: open until an officer of the department reports it done. */
export const jointTaskLifecycle = defineLifecycle<JointTaskStatus, 'COMPLETE'>({
  subject: 'joint task',
  transitions: { COMPLETE: { from: ['OPEN'], to: 'DONE', past: 'reported done' } },
});

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

/**
 * May `caller` take `action` on `request` now? The table's decision (FORBIDDEN before CONFLICT), and
 * the one rule a table of statuses cannot hold: nothing goes above the top tier.
 */
export function decideTransition(action: Action, caller: Caller, request: RequestFacts): Verdict<Status, Actor> {
  const verdict = requestLifecycle.decide(action, request.status, actorsOf(caller, request));
  if (verdict.ok && action === 'ESCALATE' && !nextTier(request.tier)) {
    return {
      ok: false,
      code: 'CONFLICT',
      message: 'The request is already at the city management platform, the top tier. Nothing was changed.',
    };
  }
  return verdict;
}
