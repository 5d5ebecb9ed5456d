import { randomUUID } from 'node:crypto';
import type { Caller } from '@liangling/schema';

/** One GraphQL request body as a client sends it. */
export interface GraphQLBody {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly operationName?: string;
}

/**
 * What a kind of user does, as the load generator replays it: the same bodies go to every gateway.
 * The caller is fixed per workload: our gateway reads it from a signed token, the peers from the
 * `x-bench-workload` header (they have no auth of their own), and each signs the caller context the
 * subgraphs demand.
 */
export interface Workload {
  readonly name: string;
  /** Who does this, and why it matters. */
  readonly description: string;
  /** Who calls: `anonymous` has no token and gets the public contract. */
  readonly caller: Caller;
  /**
   * The bodies each connection sends in turn; a function makes a fresh body per request (mutations
   * with fresh client keys).
   */
  readonly requests: readonly (GraphQLBody | (() => GraphQLBody))[];
  /** When every field comes from one subgraph: its name, so the subgraph alone is measured as the floor. */
  readonly floorSubgraph?: string;
  /** The limit server (`processes/limit.ts`) answers this workload's data from the same files. */
  readonly limitAnswers?: boolean;
}

/** The grid of the seeded city's first residents (多福社区第一网格). */
export const BENCH_GRID = 'r-210103-1-1-1';
const BENCH_HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', BENCH_GRID];

const STAT_CELL = '{ value suppressed }';

/** The workloads of `npm run bench`, in the order they run. */
export const WORKLOADS: readonly Workload[] = [
  {
    name: 'public-drill-down',
    description:
      "An app's public map: every district, its streets and their statistics (anonymous, public contract; residents subgraph only). It asks for at most 10 districts: without `first` (100 regions × 50 children each, 70,000) or with 20 (14,000), the worst case demand control must assume is over the cost limit (10,000), and the gateway refuses it before planning.",
    caller: { role: 'anonymous', regions: [] },
    floorSubgraph: 'residents',
    requests: [
      {
        operationName: 'DrillDown',
        query: `query DrillDown { regions(level: DISTRICT, first: 10) { id name children { id name stats { exact population ${STAT_CELL} households ${STAT_CELL} buildings elderlyLivingAlone ${STAT_CELL} ageBands { band count ${STAT_CELL} } } } } }`,
      },
    ],
  },
  {
    name: 'staff-region-stats',
    description:
      "A grid worker's exact statistics of their grid (residents subgraph only; a token, so never served from the public cache): the gateway's own cost over the subgraph.",
    caller: { role: 'grid_worker', sub: 'gw-1', regions: [BENCH_GRID] },
    floorSubgraph: 'residents',
    requests: [
      {
        operationName: 'GridStats',
        query: `query GridStats($grid: ID!) { region(id: $grid) { id name level stats { exact population ${STAT_CELL} households ${STAT_CELL} buildings elderlyLivingAlone ${STAT_CELL} ageBands { band count ${STAT_CELL} } } } }`,
        variables: { grid: BENCH_GRID },
      },
    ],
  },
  {
    name: 'grid-worker-page',
    description:
      "A grid worker's page of 50 residents of their grid with each one's repair requests (residents + requests; a privacy decision on every row, reveals audited).",
    caller: { role: 'grid_worker', sub: 'gw-1', regions: [BENCH_GRID] },
    limitAnswers: true,
    requests: [
      {
        operationName: 'GridPage',
        query: `query GridPage($grid: ID!) { residents(regionId: $grid, first: 50) { edges { node { id name phone idNumber elderly livesAlone repairRequests { id category status description createdAt } } } } }`,
        variables: { grid: BENCH_GRID },
      },
    ],
  },
  {
    name: 'partner-assigned',
    description: "A partner's (the water utility) assigned repair requests with who submitted them (neighbours + requests + residents).",
    caller: { role: 'partner', sub: 'k-1', regions: [], organisation: 'org-water' },
    requests: [
      {
        operationName: 'Assigned',
        query: `query Assigned($org: ID!) { organisation(id: $org) { id name assignedRequests(first: 20) { edges { node { id category status description contactPhone createdAt slaDueAt submittedBy { id name } } } } } }`,
        variables: { org: 'org-water' },
      },
    ],
  },
  {
    name: 'deep-cross-subgraph',
    description:
      'Residents of a grid → their repair requests → the assigned organisation → its services (residents → requests → neighbours), as a grid worker.',
    caller: { role: 'grid_worker', sub: 'gw-1', regions: [BENCH_GRID] },
    requests: [
      {
        operationName: 'Deep',
        query: `query Deep($grid: ID!) { residents(regionId: $grid, first: 20) { edges { node { id name repairRequests { id status category assignee { id name kind services { id name category } } } } } } }`,
        variables: { grid: BENCH_GRID },
      },
    ],
  },
  {
    name: 'mutation-mix',
    description:
      'A resident submits repair requests (fresh client keys, 3 in 4) and updates their phone (1 in 4): writes, event rows and reveals audited.',
    caller: { role: 'resident', sub: 'p-0000001', regions: [], home: BENCH_HOME },
    requests: [
      submitRepairRequest,
      submitRepairRequest,
      submitRepairRequest,
      {
        operationName: 'UpdatePhone',
        query: 'mutation UpdatePhone($id: ID!, $phone: String!) { updateContactDetails(residentId: $id, phone: $phone) { id phone } }',
        variables: { id: 'p-0000001', phone: '13800138000' },
      },
    ],
  },
];

function submitRepairRequest(): GraphQLBody {
  return {
    operationName: 'Submit',
    query: 'mutation Submit($input: SubmitRepairRequestInput!) { submitRepairRequest(input: $input) { id status tier slaDueAt } }',
    variables: {
      input: { category: 'WATER', description: '厨房水管漏水', contactPhone: '13800138000', clientKey: `bench-${randomUUID()}` },
    },
  };
}
