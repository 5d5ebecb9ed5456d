import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { GatewayOptions } from './gateway';

const Environment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** HMAC secret of callers' tokens (HS256), at least 32 characters. */
  JWT_SECRET: z.string().min(32),
  /** HMAC key of the caller context sent to subgraphs; the subgraphs hold the same. */
  CALLER_CONTEXT_SECRET: z.string().min(32),
  /** Overrides of subgraph URLs: `name=url,name=url`. */
  SUBGRAPH_URLS: z.string().default(''),
  BODY_LIMIT: z.string().default('1mb'),
});

export type GatewayConfigResult = { readonly ok: true; readonly options: GatewayOptions } | { readonly ok: false; readonly errors: readonly string[] };

/**
 * The standalone gateway's configuration: a supergraph file and the environment, read once.
 * The gateway knows no department: it serves whatever supergraph it is given.
 */
export function loadGatewayConfig(supergraphPath: string, env: NodeJS.ProcessEnv = process.env): GatewayConfigResult {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  const e = parsed.data;
  let supergraphSdl: string;
  try {
    supergraphSdl = readFileSync(supergraphPath, 'utf8');
  } catch (error) {
    return { ok: false, errors: [`supergraph: cannot read ${supergraphPath}: ${(error as Error).message}`] };
  }
  const overrides = e.SUBGRAPH_URLS.split(',').filter(Boolean).map((pair) => pair.split('='));
  if (overrides.some((pair) => pair.length !== 2 || !pair[0] || !pair[1])) return { ok: false, errors: ['SUBGRAPH_URLS: expected name=url,name=url'] };
  const encode = (secret: string) => new TextEncoder().encode(secret);
  return {
    ok: true,
    options: {
      supergraphSdl,
      auth: { secret: encode(e.JWT_SECRET) },
      callerKey: encode(e.CALLER_CONTEXT_SECRET),
      subgraphUrls: Object.fromEntries(overrides),
      port: e.PORT,
      host: e.HOST,
      development: e.NODE_ENV === 'development',
      bodyLimit: e.BODY_LIMIT,
    },
  };
}
