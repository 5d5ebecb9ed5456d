import { join } from 'node:path';
import { departmentScope, DepartmentReference, resolveDepartmentReference, resolveReferenceById, type City, type Department } from '@liangling/kit';
import { AlertReferralResolver, CaseAlertResolver } from './alert';
import type { Db } from './context';
import { DepartmentPerformanceResolver } from './department';
import { EnforcementCaseResolver, caseScope, evidenceScope, partyScope, resolveEnforcementCase } from './enforcement-case';
import { ENFORCEMENT } from './enums';
import { caseGrants, caseHandlingGrants } from './grants';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresClient } from './generated/prisma-pg/client';
import { createLoaders, type Loaders } from './loaders';
import { CasePetitionResolver, PetitionReferralResolver } from './petition';
import { PublicDecisionResolver } from './public-decision';
import { RegionEnforcementResolver } from './region';
import { CaseRequestResolver, RepairRequestReferralResolver } from './repair-request';
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
    CaseAlertResolver,
    RepairRequestReferralResolver,
    PetitionReferralResolver,
    AlertReferralResolver,
    PublicDecisionResolver,
    RegionEnforcementResolver,
    DepartmentPerformanceResolver,
  ],
  // No field of this department returns a Department: it only adds its figures to the shared entity.
  orphanedTypes: [DepartmentReference],
  entities: {
    EnforcementCase: resolveEnforcementCase,
    // Other departments' entities: the kit's key classes, any id a valid reference.
    RepairRequest: resolveReferenceById,
    Petition: resolveReferenceById,
    Alert: resolveReferenceById,
    Region: resolveReferenceById,
    Building: resolveReferenceById,
    Resident: resolveReferenceById,
    Organisation: resolveReferenceById,
    Department: resolveDepartmentReference,
  },
  scopes: {
    EnforcementCase: caseScope,
    CaseParty: partyScope,
    EvidenceNote: evidenceScope,
    Department: departmentScope,
  },
  grants: caseGrants,
  routes: caseHandlingGrants,
  database: {
    prismaDir: join(__dirname, '..', 'prisma'),
    // The PostgreSQL twin's client has the same models as the SQLite one: one cast, here.
    connect: ({ provider, ...options }) => (provider === 'postgresql' ? (new PostgresClient(options) as unknown as Db) : new PrismaClient(options)),
    isEmpty: isEnforcementEmpty,
    seed: seedEnforcement,
  },
  loaders: createLoaders,
};
