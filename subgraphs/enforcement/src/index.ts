import { join } from 'node:path';
import type { City, Department } from '@liangling/kit';
import type { Db } from './context';
import { Department as DepartmentEntity, DepartmentPerformanceResolver, resolveDepartment } from './department';
import { EnforcementCaseResolver, caseScope, evidenceScope, partyScope, resolveEnforcementCase } from './enforcement-case';
import { ENFORCEMENT } from './enums';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresClient } from './generated/prisma-pg/client';
import { createLoaders, type Loaders } from './loaders';
import { CasePetitionResolver, PetitionReferralResolver, resolvePetition } from './petition';
import { PublicDecisionResolver } from './public-decision';
import { RegionEnforcementResolver, resolveRegion } from './region';
import { CaseRequestResolver, RepairRequestReferralResolver, resolveRepairRequest } from './repair-request';
import { isEnforcementEmpty, seedEnforcement } from './seed';

/**
 * 综合执法: comprehensive enforcement cases, registered on patrol or referred from repair requests
 * and petitions, through REGISTERED → INVESTIGATING → DECIDED → EXECUTED → CLOSED.
 */
export const enforcement: Department<Db, Loaders, City> = {
  name: 'enforcement',
  code: ENFORCEMENT,
  resolvers: [
    EnforcementCaseResolver,
    CaseRequestResolver,
    CasePetitionResolver,
    RepairRequestReferralResolver,
    PetitionReferralResolver,
    PublicDecisionResolver,
    RegionEnforcementResolver,
    DepartmentPerformanceResolver,
  ],
  // No field of this department returns a Department: it only adds its figures to the shared entity.
  orphanedTypes: [DepartmentEntity],
  entities: {
    EnforcementCase: resolveEnforcementCase,
    RepairRequest: resolveRepairRequest,
    Petition: resolvePetition,
    Region: resolveRegion,
    Department: resolveDepartment,
  },
  scopes: {
    EnforcementCase: caseScope,
    CaseParty: partyScope,
    EvidenceNote: evidenceScope,
    // Performance figures are about the department, not about a person.
    Department: (department: { code: string }) => ({ subjectIds: [], departments: [department.code] }),
  },
  database: {
    prismaDir: join(__dirname, '..', 'prisma'),
    // The PostgreSQL twin's client has the same models as the SQLite one: one cast, here.
    connect: ({ provider, ...options }) => (provider === 'postgresql' ? (new PostgresClient(options) as unknown as Db) : new PrismaClient(options)),
    isEmpty: isEnforcementEmpty,
    seed: seedEnforcement,
  },
  loaders: createLoaders,
};
