import {
  departmentScope,
  DepartmentReference,
  resolveDepartmentReference,
  resolveReferenceById,
  type City,
  type Department,
  prismaDatabase,
} from '@liangling/kit';
import { partyScope } from './case-party';
import type { Db } from './context';
import { DepartmentPerformanceResolver } from './department-performance.resolver';
import { caseScope } from './enforcement-case';
import { EnforcementCaseResolver, resolveEnforcementCase } from './enforcement-case.resolver';
import { ENFORCEMENT } from './enums';
import { evidenceScope } from './evidence-note';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresClient } from './generated/prisma-pg/client';
import { caseGrants, caseHandlingGrants } from './grants';
import { createLoaders, type Loaders } from './loaders';
import { PublicDecisionResolver } from './public-decision.resolver';
// After the case's resolver: type-graphql prints the mutations in the order their files are loaded.
import { alertReferral, petitionReferral, repairRequestReferral } from './referral.resolver';
import { RegionEnforcementResolver } from './region.resolver';
import { isEnforcementEmpty, seedEnforcement } from './seed';

/**
 * 综合执法: comprehensive enforcement cases, registered on patrol or referred from repair requests,
 * petitions and early-warning alerts, through REGISTERED → INVESTIGATING → DECIDED → EXECUTED → CLOSED.
 */
export const enforcement: Department<Db, Loaders, City> = {
  name: 'enforcement',
  code: ENFORCEMENT,
  resolvers: [
    EnforcementCaseResolver,
    repairRequestReferral.fromCase,
    petitionReferral.fromCase,
    alertReferral.fromCase,
    repairRequestReferral.toCase,
    petitionReferral.toCase,
    alertReferral.toCase,
    PublicDecisionResolver,
    RegionEnforcementResolver,
    DepartmentPerformanceResolver,
  ],
  // No field of this department returns a Department: it only adds its figures to the shared entity.
  orphanedTypes: [DepartmentReference],
  entities: {
    EnforcementCase: resolveEnforcementCase,
    // Other departments' entities (references.ts): any id a valid reference.
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
  database: prismaDatabase({
    sourceDir: __dirname,
    sqlite: PrismaClient,
    postgres: PostgresClient,
    isEmpty: isEnforcementEmpty,
    seed: seedEnforcement,
  }),
  loaders: createLoaders,
};
