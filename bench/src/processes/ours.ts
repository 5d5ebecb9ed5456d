// Our gateway as `npm start` configures it (production settings): privacy plugin, limits, rate
// limiter, trusted documents, metrics and request logs all on. The rate limit is raised so the load
// generator, one client, is counted but never refused.
import { readFileSync } from 'node:fs';
import { startGateway } from '@liangling/gateway';
import { loadConfig, loadKeys } from '@liangling/stack';
import { benchEnv, serveInChild } from './child';

serveInChild(async () => {
  const { dataDir, supergraphPath } = benchEnv();
  const loaded = loadConfig({ ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, RATE_LIMIT_POINTS: '1000000000' });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const keys = loadKeys(dataDir);
  const gateway = await startGateway({
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    auth: { secret: keys.jwtSecret },
    callerKey: keys.callerKey,
    port: 0,
    host: '127.0.0.1',
    development: false,
    ...loaded.config.gateway,
  });
  return gateway;
});
