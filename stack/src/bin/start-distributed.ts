// npm run start:distributed — each department as its own process (start-subgraph), then gateway
// replicas (GATEWAY_REPLICA_PORTS, 4000 and 4010 by default) sharing Redis when REDIS_URL is set. The
// same configuration names as deploy/ (a Kubernetes cluster or compose runs these processes there).
import { SUPERGRAPH_PATH } from '@liangling/schema';
import { configOrExit, SDK_TRUSTED_DOCUMENTS_PATH } from '../config';
import { DEPARTMENTS } from '../departments';
import { loadKeys } from '../keys';
import { ENTRY_POINTS, startProcess, type ManagedProcess } from '../processes';

async function main(): Promise<void> {
  const config = configOrExit();
  // Development keys (created on first start) unless the environment gives secrets: every process must hold the same.
  const keys = loadKeys(config.dataDir, { jwtSecret: config.jwtSecret, callerContextSecret: config.callerContextSecret });
  const decode = (key: Uint8Array) => new TextDecoder().decode(key);
  const secrets = { JWT_SECRET: decode(keys.jwtSecret), CALLER_CONTEXT_SECRET: decode(keys.callerKey) };
  const host = config.host;
  const started: ManagedProcess[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    // Gateways first, so no request reaches a subgraph that is stopping.
    for (const group of [started.filter((p) => p.name.startsWith('gateway')), started.filter((p) => !p.name.startsWith('gateway'))]) {
      await Promise.all(group.map((managed) => managed.stop('SIGTERM')));
    }
  };
  const watch = (managed: ManagedProcess) =>
    void managed.exited.then((code) => {
      if (!stopping) console.error(`${managed.name} ended (${String(code)}); the others go on — restart it with: node -r ./scripts/register.js stack/src/bin/start-subgraph.ts ${managed.name}`);
    });
  const subgraph = async (name: string) => {
    const port = config.subgraphPorts[name];
    const managed = await startProcess({
      name,
      entry: ENTRY_POINTS.subgraph,
      args: [name],
      env: { ...process.env, ...secrets },
      readyUrl: `http://${host}:${port}/ready`,
      readyTimeoutMs: 600_000,
    });
    started.push(managed);
    watch(managed);
  };
  try {
    // Audit first: the others write their access records there before they reveal anything.
    await subgraph('audit');
    await Promise.all(DEPARTMENTS.filter((department) => department.name !== 'audit').map((department) => subgraph(department.name)));
    const subgraphUrls = DEPARTMENTS.map((department) => `${department.name}=http://${host}:${config.subgraphPorts[department.name]}/graphql`).join(',');
    for (const port of config.gatewayReplicaPorts) {
      const managed = await startProcess({
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
      started.push(managed);
      watch(managed);
      console.log(`gateway              http://${host}:${port}/graphql`);
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  console.log(`${started.length} processes; redis: ${config.gateway.rateLimit?.redisUrl ? 'shared' : 'none (each gateway limits alone)'}; data: ${config.postgres ? 'postgresql' : config.dataDir}`);
  const shutdown = (signal: string) => {
    if (stopping) return;
    console.log(`${signal}: stopping every process`);
    stopAll().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
