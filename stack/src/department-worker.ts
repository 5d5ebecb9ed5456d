// One department process of `npm start` (forked by department-processes.ts): serves the departments
// it is told over IPC, each on its own database, and stops them when told or when its parent goes away.
import { httpAuditSink, startDepartment, type DatabaseClient, type RunningDepartment, generateCity, type City } from '@liangling/kit';
import { stopOnSignals } from '@liangling/runtime';
import { openDepartmentDatabase } from './databases';
import type { ParentMessage, WorkerMessage, WorkerStart } from './department-processes';
import { DEPARTMENTS } from './departments';
import { keyMaterialFromText } from './keys';

const send = (message: WorkerMessage) => process.send?.(message);
const running: RunningDepartment[] = [];
const databases: DatabaseClient[] = [];
let auditUrl: string | undefined;

async function start(options: WorkerStart): Promise<void> {
  const callerKey = keyMaterialFromText(options.callerKey);
  let city: City | undefined;
  const urls: Record<string, string> = {};
  for (const name of options.departments) {
    const department = DEPARTMENTS.find((candidate) => candidate.name === name);
    if (!department) throw new Error(`no department ${name}`);
    const db = await openDepartmentDatabase(department, {
      dataDir: options.dataDir,
      postgres: options.postgres,
      seedResidents: options.seedResidents,
      city: () => (city ??= generateCity({ residents: options.seedResidents })),
    });
    databases.push(db);
    const served = await startDepartment({
      department,
      db,
      callerKey,
      port: options.ports[name] ?? 0,
      host: options.host,
      development: options.development,
      ...(options.jobIntervalMs !== undefined ? { jobIntervalMs: options.jobIntervalMs } : {}),
      ...(options.submissionsPerDay !== undefined ? { submissionsPerDay: options.submissionsPerDay } : {}),
      // Told by the parent once every process is up: the audit service may live in another one.
      audit: httpAuditSink({ url: () => auditUrl, subgraph: name, callerKey }),
    });
    running.push(served);
    urls[name] = served.url;
  }
  send({ type: 'ready', urls });
}

async function stopAll(): Promise<void> {
  await Promise.allSettled(running.map((department) => department.stop()));
  await Promise.allSettled(databases.map((db) => db.$disconnect()));
}
// One shutdown, whatever asks first: the parent's message, the parent gone, or SIGTERM. Ctrl-C reaches
// the whole process group: the parent drains the gateway first, then says stop (SIGINT is ignored).
const shutdown = stopOnSignals(stopAll, { signals: ['SIGTERM'] });
const stop = () => void shutdown.begin();

process.on('message', (message: ParentMessage) => {
  switch (message.type) {
    case 'start':
      start(message).catch((error: unknown) => {
        console.error(error);
        send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
        stop();
      });
      break;
    case 'audit':
      auditUrl = message.url;
      send({ type: 'audit-set' });
      break;
    case 'stop-subgraph': {
      const department = running.find((candidate) => candidate.name === message.name);
      void (department?.stop() ?? Promise.resolve()).then(() => send({ type: 'subgraph-stopped', name: message.name }));
      break;
    }
    case 'stop':
      stop();
      break;
  }
});
// The parent is gone (crashed or killed): nothing will stop this process but itself.
process.on('disconnect', stop);
process.on('SIGINT', () => undefined);
