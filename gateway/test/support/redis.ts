import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

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
  const redis: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { url: `redis://127.0.0.1:${port}`, stop: () => redis.kill() };
}
