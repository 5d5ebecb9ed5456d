import { departmentScope, resolveReferenceById, type City, type Department, prismaDatabase } from '@liangling/kit';
// The resolvers in the order the schema lists their fields (type-graphql registers them as their files load).
import { AccessRecordResolver } from './access-record.resolver';
import { DepartmentResolver, resolveDepartment } from './department-supervision.resolver';
import { AccessLogEntryResolver } from './access-log-entry.resolver';
import { ResidentAccessLogResolver } from './resident.resolver';
import { residentScope } from './access';
import type { Db } from './context';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresClient } from './generated/prisma-pg/client';
import { auditIntake } from './intake';
import { fullChainVerification } from './jobs/full-chain-verification';
import { createLoaders, type Loaders } from './loaders';
import { ResidentReference } from './references';
import { isAuditEmpty, seedAudit } from './seed';

// What the stack uses besides the Department: the chain itself, for the audit command (anchors, verification).
export { AuditChain } from './chain';
export type { ChainAnchor } from './chain';

/** 监督考核: the tamper-evident trail of who saw whose personal data. */
export const audit: Department<Db, Loaders, City> = {
  name: 'audit',
  code: 'SUPERVISION',
  resolvers: [AccessRecordResolver, ResidentAccessLogResolver, AccessLogEntryResolver, DepartmentResolver],
  orphanedTypes: [ResidentReference],
  entities: { Resident: resolveReferenceById, Department: resolveDepartment },
  scopes: { Resident: residentScope, Department: departmentScope },
  database: prismaDatabase({
    sourceDir: __dirname,
    sqlite: PrismaClient,
    postgres: PostgresClient,
    isEmpty: isAuditEmpty,
    seed: seedAudit,
  }),
  loaders: createLoaders,
  routes: auditIntake,
  jobs: [fullChainVerification],
};
