import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll } from '@jest/globals';
import type { GatewayOptions, RunningGateway } from '../../src/gateway';
import { gatewayOnStubs, startStubGraph, type StubGraph } from './stub-subgraphs';

/** REDIS_URL when set (CI), else a private redis-server when one is installed, else none (tests skip, saying why). */
export const redisAvailable = Boolean(process.env['REDIS_URL']) || spawnSync('redis-server', ['--version']).status === 0;

export interface TestRedis {
  readonly url: string;
  stop(): void;
}

export async function startTestRedis(): Promise<TestRedis> {
  const existing = process.env['REDIS_URL'];
  if (existing) return { url: existing, stop: () => undefined };
  const port = 20_000 + Math.floor(Math.random() * 30_000);
  const redis: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { url: `redis://127.0.0.1:${port}`, stop: () => redis.kill() };
}

/** What {@link useRedisReplicas} gives a test file once its `beforeAll` ran. */
export interface RedisReplicas {
  readonly redis: TestRedis;
  readonly graph: StubGraph;
  /** Two gateways on the stub graph, sharing the Redis. */
  readonly replicas: readonly [RunningGateway, RunningGateway];
}

/**
 * A file's fixture: a Redis (REDIS_URL, else a private redis-server), the stub graph, and two gateway
 * replicas with `options(redisUrl)` beside the graph's own settings; all stopped after the file.
 */
export function useRedisReplicas(options: (redisUrl: string) => Partial<GatewayOptions>): () => RedisReplicas {
  let fixture: RedisReplicas | undefined;
  beforeAll(async () => {
    const redis = await startTestRedis();
    const graph = await startStubGraph();
    const start = () => gatewayOnStubs(graph, options(redis.url));
    fixture = { redis, graph, replicas: [await start(), await start()] };
  });
  afterAll(async () => {
    await Promise.allSettled((fixture?.replicas ?? []).map((gateway) => gateway.stop()));
    await fixture?.graph.stop();
    fixture?.redis.stop();
  });
  return () => {
    if (!fixture) throw new Error('the Redis replicas did not start');
    return fixture;
  };
}
