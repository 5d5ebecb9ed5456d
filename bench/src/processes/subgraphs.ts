// Every department's subgraph, seeded with a small city, in one process: the same for every gateway.
import { join } from 'node:path';
import { generateCity, httpAuditSink, openDatabase, startDepartment, type City, type DatabaseClient, type RunningDepartment } from '@liangling/kit';
import { DEPARTMENTS, loadKeys } from '@liangling/stack';
import { benchEnv, serveInChild } from './child';

serveInChild(async () => {
  const { dataDir } = benchEnv();
  const keys = loadKeys(dataDir);
  const residents = Number(process.env['BENCH_SEED_RESIDENTS'] ?? 2000);
  let city: City | undefined;
  let auditUrl: string | undefined;
  const running: RunningDepartment[] = [];
  const databases: DatabaseClient[] = [];
  for (const department of DEPARTMENTS) {
    const db = await openDatabase({ dataDir, name: department.name, migrationsDir: join(department.database.prismaDir, 'migrations'), connect: department.database.connect });
    databases.push(db);
    if (await department.database.isEmpty(db)) {
      city ??= generateCity({ residents });
      await department.database.seed(db, city);
    }
    running.push(
      await startDepartment({
        department,
        db,
        callerKey: keys.callerKey,
        port: 0,
        host: '127.0.0.1',
        development: false,
        jobIntervalMs: 0,
        audit: httpAuditSink({ url: () => auditUrl, subgraph: department.name, callerKey: keys.callerKey }),
      }),
    );
    if (department.name === 'audit') auditUrl = new URL('/records', running.at(-1)!.url).toString();
  }
  const subgraphs = Object.fromEntries(running.map((department) => [department.name, department.url]));
  return {
    url: subgraphs['residents'] ?? '',
    subgraphs,
    stop: async () => {
      await Promise.allSettled(running.map((department) => department.stop()));
      await Promise.allSettled(databases.map((db) => db.$disconnect()));
    },
  };
});
