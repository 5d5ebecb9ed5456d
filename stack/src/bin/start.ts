// npm start — every department and the gateway on this machine, SQLite, seeded on first start.
import { DatabaseSetupError } from '@liangling/kit';
import { stopOnSignals } from '@liangling/runtime';
import { configOrExit } from '../config';
import { startStack } from '../start-stack';

async function main(): Promise<void> {
  const config = configOrExit();
  const stack = await startStack({
    dataDir: config.dataDir,
    seedResidents: config.seedResidents,
    gatewayPort: config.gatewayPort,
    subgraphPorts: config.subgraphPorts,
    host: config.host,
    development: config.development,
    ...(config.jobIntervalMs !== undefined ? { jobIntervalMs: config.jobIntervalMs } : {}),
    submissionsPerDay: config.submissionsPerDay,
    departmentProcesses: config.departmentProcesses,
    secrets: { jwtSecret: config.jwtSecret, callerContextSecret: config.callerContextSecret },
    gateway: config.gateway,
    watchSupergraph: true,
    engineScopes: config.serviceScopes['early-warning'] ?? [],
    ...(config.postgres ? { postgres: config.postgres } : {}),
    warning: {
      intervalMs: config.warningIntervalMs,
      onRun: (run) => {
        const kinds = run.raised.map((alert) => alert.kind).join(', ');
        const failed = run.failures.map((failure) => `${failure.step}: ${failure.message}`).join('; ');
        console.log(
          `early warning: ${run.raised.length} raised${kinds ? ` (${kinds})` : ''}, ${run.alreadyRaised} already raised${failed ? `; failed: ${failed}` : ''}`,
        );
      },
    },
  });
  for (const [name, url] of Object.entries(stack.subgraphs)) console.log(`subgraph ${name.padEnd(12)} ${url}`);
  console.log(`gateway              ${stack.url}`);
  console.log(`data                 ${config.dataDir}`);
  console.log('a token: npm run -s token -- --role grid_worker --regions r-210103-1-1-1');
  stopOnSignals(() => stack.stop(), { onSignal: (signal) => console.log(`${signal}: draining and stopping`) });
}

main().catch((error: unknown) => {
  // A database set up wrong is the operator's to fix: one line, exit 2.
  if (error instanceof DatabaseSetupError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
