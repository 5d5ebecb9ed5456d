import {
  departmentScope,
  DepartmentReference,
  resolveDepartmentReference,
  resolveReferenceById,
  type City,
  type Department,
  prismaDatabase,
} from '@liangling/kit';
import { requestScope } from './access';
import { OWNER_DEPARTMENT, type Db } from './context';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresClient } from './generated/prisma-pg/client';
import { escalationSweepJob } from './jobs/escalation-sweep';
import { createLoaders, type Loaders } from './loaders';
import { RegionReference } from './references';
import type { RequestChangeRow } from './request-change';
import { isRequestsEmpty, requestsSeedRows, seedRequests } from './seed';
// Resolvers in the order their operations are printed in the SDL (type-graphql lists Mutation fields in
// the order the classes are declared): the joint resolution's first, the sweep's last.
import { JointTaskResolver } from './joint-task.resolver';
import { RepairRequestResolver, resolveRepairRequest } from './repair-request.resolver';
import { RepairRequestSearchResolver } from './request-search.resolver';
import { EscalationSweepResolver } from './escalation-sweep.resolver';
import { ResidentRequestsResolver } from './resident.resolver';
import { BuildingRequestsResolver } from './building.resolver';
import { OrganisationRequestsResolver } from './organisation.resolver';
import { RegionRequestStatsResolver } from './region.resolver';
import { DepartmentPerformanceResolver } from './department-performance.resolver';
import { RepairRequestChangeResolver } from './request-change.resolver';

/** 一键报修: one-click repair requests, their handling, tiered escalation and joint resolution. */
export const requests: Department<Db, Loaders, City> = {
  name: 'requests',
  code: OWNER_DEPARTMENT,
  resolvers: [
    RepairRequestResolver,
    RepairRequestSearchResolver,
    JointTaskResolver,
    EscalationSweepResolver,
    ResidentRequestsResolver,
    BuildingRequestsResolver,
    OrganisationRequestsResolver,
    RegionRequestStatsResolver,
    DepartmentPerformanceResolver,
    RepairRequestChangeResolver,
  ],
  // No field of this subgraph leads to them: the graph reaches them from the departments that own them.
  orphanedTypes: [RegionReference, DepartmentReference],
  entities: {
    RepairRequest: resolveRepairRequest,
    // Other departments' entities (references.ts): any id a valid reference.
    Resident: resolveReferenceById,
    Building: resolveReferenceById,
    Household: resolveReferenceById,
    Organisation: resolveReferenceById,
    Region: resolveReferenceById,
    Department: resolveDepartmentReference,
  },
  scopes: {
    RepairRequest: requestScope,
    // A change is about its request: its submitter, at their home.
    RepairRequestChange: (change: RequestChangeRow) => requestScope(change.request),
    // Only INTERNAL fields: whether the caller is staff decides, not the row.
    Organisation: () => ({ subjectIds: [] }),
    Department: departmentScope,
  },
  database: prismaDatabase({
    sourceDir: __dirname,
    sqlite: PrismaClient,
    postgres: PostgresClient,
    isEmpty: isRequestsEmpty,
    seed: seedRequests,
    seedRows: requestsSeedRows,
  }),
  loaders: createLoaders,
  jobs: [escalationSweepJob],
};
