// npm run start:distributed — each department as its own process (start-subgraph), then gateway
// replicas (GATEWAY_REPLICA_PORTS, 4000 and 4010 by default) sharing Redis when REDIS_URL is set. The
// same configuration names as deploy/ (a Kubernetes cluster or compose runs these processes there).
// Every process is supervised: restarted with backoff and the same environment when it dies, given up
// on after a crash loop (docs/reliability.md, "What restarts what").
import { stopOnSignals } from '@liangling/runtime';
import { SUPERGRAPH_PATH } from '@liangling/schema';
import { configOrExit, SDK_TRUSTED_DOCUMENTS_PATH } from '../config';
import { DEPARTMENTS } from '../departments';
import { loadKeys } from '../keys';
import { ENTRY_POINTS, type ProcessOptions } from '../processes';
import { supervise, type SupervisedProcess, type SupervisorEvent } from '../supervisor';

async function main(): Promise<void> {
  const config = configOrExit();
  // The configured keys pass to every process in the environment as they are; only when some are not
  // configured, the development key file's go too: every process must hold the same.
  const secrets: Record<string, string> = {};
  if (config.jwtSecret === undefined || config.callerContextSecret === undefined) {
    const keys = loadKeys(config.dataDir, { jwtSecret: config.jwtSecret, callerContextSecret: config.callerContextSecret });
    const decode = (key: unknown) => (key instanceof Uint8Array ? new TextDecoder().decode(key) : undefined);
    const jwt = config.jwtSecret === undefined ? decode(keys.jwtSecret) : undefined;
    const caller = config.callerContextSecret === undefined ? decode(keys.callerKey) : undefined;
    if (jwt) secrets['JWT_SECRET'] = jwt;
    if (caller) secrets['CALLER_CONTEXT_SECRET'] = caller;
  }
  const host = config.host;
  const started: SupervisedProcess[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    // Gateways first, so no request reaches a subgraph that is stopping.
    for (const group of [started.filter((p) => p.name.startsWith('gateway')), started.filter((p) => !p.name.startsWith('gateway'))]) {
      await Promise.all(group.map((supervised) => supervised.stop('SIGTERM')));
    }
  };
  const onEvent = (event: SupervisorEvent) => {
    if (stopping) return;
    if (event.kind === 'started')
      console.log(`supervisor: ${event.name} running (pid ${event.pid}${event.restarts ? `, restart ${event.restarts}` : ''})`);
    else if (event.kind === 'crashed')
      console.error(
        `supervisor: ${event.name} ended (${String(event.exit)}); restarting in ${event.restartInMs} ms with the same environment`,
      );
    else
      console.error(
        `supervisor: ${event.name} crashed ${event.crashes} times within ${event.windowMs / 1000} s: a crash loop, given up on; the others go on. Read its log above, fix, and start it again.`,
      );
  };
  const run = async (options: ProcessOptions) => {
    started.push(await supervise(options, { onEvent }));
  };
  const subgraph = (name: string) =>
    run({
      name,
      entry: ENTRY_POINTS.subgraph,
      args: [name],
      env: { ...process.env, ...secrets },
      readyUrl: `http://${host}:${config.subgraphPorts[name]}/ready`,
      readyTimeoutMs: 600_000,
    });
  try {
    // Audit first: the others write their access records there before they reveal anything.
    await subgraph('audit');
    await Promise.all(DEPARTMENTS.filter((department) => department.name !== 'audit').map((department) => subgraph(department.name)));
    const subgraphUrls = DEPARTMENTS.map(
      (department) => `${department.name}=http://${host}:${config.subgraphPorts[department.name]}/graphql`,
    ).join(',');
    for (const port of config.gatewayReplicaPorts) {
      await run({
        name: `gateway:${port}`,
        entry: ENTRY_POINTS.gateway,
        args: [SUPERGRAPH_PATH],
        env: {
          TRUSTED_DOCUMENTS: SDK_TRUSTED_DOCUMENTS_PATH,
          ...process.env,
          ...secrets,
          NODE_ENV: config.development ? 'development' : 'production',
          PORT: String(port),
          SUBGRAPH_URLS: subgraphUrls,
        },
        readyUrl: `http://${host}:${port}/ready`,
      });
      console.log(`gateway              http://${host}:${port}/graphql`);
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  console.log(
    `${started.length} processes, supervised; redis: ${config.gateway.rateLimit?.redisUrl ? 'shared' : 'none (each gateway limits alone)'}; data: ${config.postgres ? 'postgresql' : config.dataDir}`,
  );
  stopOnSignals(stopAll, { onSignal: (signal) => console.log(`${signal}: stopping every process`) });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
