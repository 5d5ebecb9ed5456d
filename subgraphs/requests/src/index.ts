import { join } from 'node:path';
import { departmentScope, DepartmentReference, RegionReference, resolveDepartmentReference, resolveReferenceById, type City, type Department } from '@liangling/kit';
import { OWNER_DEPARTMENT, type Db } from './context';
import { BuildingRequestsResolver } from './building';
import { DepartmentPerformanceResolver } from './department';
import { EscalationResolver, escalationSweepJob } from './escalation';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresClient } from './generated/prisma-pg/client';
import { JointTaskResolver } from './joint-task';
import { createLoaders, type Loaders } from './loaders';
import { OrganisationRequestsResolver } from './organisation';
import { RegionRequestStatsResolver } from './region';
import { RepairRequestResolver, requestScope, resolveRepairRequest } from './repair-request';
import { RepairRequestSearchResolver } from './request-search';
import { ResidentRequestsResolver } from './resident';
import { isRequestsEmpty, seedRequests } from './seed';

/** 一键报修: one-click repair requests, their handling, tiered escalation and joint resolution. */
export const requests: Department<Db, Loaders, City> = {
  name: 'requests',
  code: OWNER_DEPARTMENT,
  resolvers: [
    RepairRequestResolver,
    RepairRequestSearchResolver,
    JointTaskResolver,
    EscalationResolver,
    ResidentRequestsResolver,
    BuildingRequestsResolver,
    OrganisationRequestsResolver,
    RegionRequestStatsResolver,
    DepartmentPerformanceResolver,
  ],
  // No field of this subgraph leads to them: the graph reaches them from the departments that own them.
  orphanedTypes: [RegionReference, DepartmentReference],
  entities: {
    RepairRequest: resolveRepairRequest,
    // Other departments' entities: the kit's key classes, any id a valid reference.
    Resident: resolveReferenceById,
    Building: resolveReferenceById,
    Household: resolveReferenceById,
    Organisation: resolveReferenceById,
    Region: resolveReferenceById,
    Department: resolveDepartmentReference,
  },
  scopes: {
    RepairRequest: requestScope,
    // Only INTERNAL fields: whether the caller is staff decides, not the row.
    Organisation: () => ({ subjectIds: [] }),
    Department: departmentScope,
  },
  database: {
    prismaDir: join(__dirname, '..', 'prisma'),
    // The PostgreSQL twin's client has the same models as the SQLite one: one cast, here.
    connect: ({ provider, ...options }) => (provider === 'postgresql' ? (new PostgresClient(options) as unknown as Db) : new PrismaClient(options)),
    isEmpty: isRequestsEmpty,
    seed: seedRequests,
  },
  loaders: createLoaders,
  jobs: [escalationSweepJob],
};

export { decideTransition, TRANSITIONS, TIER_OFFICERS } from './lifecycle';
export type { Action, Actor, RequestFacts, Status, Tier, Verdict } from './lifecycle';
export { inHeatingSeason, slaDueAt, slaHours, SLA_HOURS, HEATING_SEASON_HOURS } from './sla';
