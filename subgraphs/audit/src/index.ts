import { join } from 'node:path';
import { departmentScope, resolveReferenceById, ResidentReference, type City, type Department } from '@liangling/kit';
import { AccessRecordResolver } from './access-record';
import type { Db } from './context';
import { DepartmentResolver, resolveDepartment } from './department';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresClient } from './generated/prisma-pg/client';
import { chainOf } from './chain';
import { auditIntake } from './intake';
import { createLoaders, type Loaders } from './loaders';
import { AccessLogEntryResolver, ResidentAccessLogResolver, residentScope } from './resident';

export { AuditChain, chainOf, hashRecord } from './chain';
export type { AnchorReport, ChainAnchor, ChainReport, VerificationProgress } from './chain';

/** 监督考核: the tamper-evident trail of who saw whose personal data. */
export const audit: Department<Db, Loaders, City> = {
  name: 'audit',
  code: 'SUPERVISION',
  resolvers: [AccessRecordResolver, ResidentAccessLogResolver, AccessLogEntryResolver, DepartmentResolver],
  orphanedTypes: [ResidentReference],
  entities: { Resident: resolveReferenceById, Department: resolveDepartment },
  scopes: { Resident: residentScope, Department: departmentScope },
  database: {
    prismaDir: join(__dirname, '..', 'prisma'),
    // The PostgreSQL twin's client has the same models as the SQLite one: one cast, here.
    connect: ({ provider, ...options }) => (provider === 'postgresql' ? (new PostgresClient(options) as unknown as Db) : new PrismaClient(options)),
    // The trail starts empty and is never seeded.
    isEmpty: async () => false,
    seed: async () => undefined,
  },
  loaders: createLoaders,
  routes: auditIntake,
  jobs: [
    {
      // Incremental verification trusts what is behind its checkpoint; this re-reads everything, daily.
      name: 'full-chain-verification',
      defaultIntervalMs: 24 * 60 * 60 * 1000,
      run: async ({ db }) => {
        const report = await chainOf(db).startFullVerification();
        if (!report.ok) console.error(`audit: full chain verification found record ${report.firstBrokenSeq} broken: ${report.reason}`);
        return report;
      },
    },
  ],
};
