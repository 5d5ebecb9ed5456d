// start-subgraph <name> — one department as its own process: its database (PostgreSQL when its URL is
// set, else SQLite under DATA_DIR; seeded with the synthetic city when empty) and its subgraph server.
// What each subgraph container runs (deploy/), and what `npm run start:distributed` starts seven times.
import { DatabaseSetupError, httpAuditSink, redisReplayGuard, startDepartment } from '@liangling/kit';
import { stopOnSignals } from '@liangling/runtime';
import { configOrExit } from '../config';
import { openDepartmentDatabase } from '../databases';
import { DEPARTMENTS } from '../departments';
import { loadKeys } from '../keys';

async function main(): Promise<void> {
  const name = process.argv[2];
  const department = DEPARTMENTS.find((candidate) => candidate.name === name);
  if (!department) {
    console.error(`usage: start-subgraph <${DEPARTMENTS.map((candidate) => candidate.name).join('|')}>`);
    process.exit(2);
  }
  const config = configOrExit();
  // The database first: a misconfigured one stops the start before anything is written (keys included).
  const db = await openDepartmentDatabase(department, {
    dataDir: config.dataDir,
    postgres: config.postgres,
    seedResidents: config.seedResidents,
    migrations: config.migrations,
  });
  const keys = loadKeys(config.dataDir, { jwtSecret: config.jwtSecret, callerContextSecret: config.callerContextSecret });
  // Replicas of a department (and all departments) share the nonces of caller contexts through Redis when it is set.
  const redisUrl = config.gateway.sharedCacheRedisUrl;
  const replayGuard = redisUrl ? redisReplayGuard(redisUrl) : undefined;
  const running = await startDepartment({
    department,
    db,
    callerKey: keys.callerKey,
    ...(replayGuard ? { replayGuard } : {}),
    port: config.subgraphPorts[department.name] ?? 0,
    host: config.host,
    development: config.development,
    ...(config.jobIntervalMs !== undefined ? { jobIntervalMs: config.jobIntervalMs } : {}),
    submissionsPerDay: config.submissionsPerDay,
    audit: httpAuditSink({ url: new URL('/records', config.auditUrl).toString(), subgraph: department.name, callerKey: keys.callerKey }),
    // Residents asks enforcement which open cases name a party (case-handling grants).
    peers: (name) => (name === 'enforcement' ? config.enforcementUrl : undefined),
  });
  console.log(`subgraph ${department.name} ${running.url} (${config.postgres ? 'postgresql' : `sqlite in ${config.dataDir}`})`);
  const stop = async () => {
    await running.stop();
    await Promise.all([db.$disconnect(), replayGuard?.close()]);
  };
  stopOnSignals(stop, { onSignal: (signal) => console.log(`${department.name}: ${signal}, draining and stopping`) });
}

main().catch((error: unknown) => {
  // A database set up wrong is the operator's to fix: one line, exit 2.
  if (error instanceof DatabaseSetupError) {
    console.error(`${process.argv[2]}: ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
