import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import express, { type Request } from 'express';
import type { HealthMonitor } from '../health-monitor';
import type { GatewayMetrics } from '../metrics';
import type { SupergraphStatus } from '../supergraph';
import { sha256Hex } from '../trusted-documents';
import { healthPage } from './health';
import { metricsEndpoint } from './metrics';
import { securityHeaders } from './security-headers';

/** Where the operator's pages (`/metrics`, the detailed `/health`) are served. */
export interface OperatorOptions {
  /** A port of their own. @default none */
  readonly port?: number;
  /** On the API port, to `Authorization: Bearer <token>`. @default none */
  readonly token?: string;
}

/**
 * Who may read the operator's pages on the API port, which name subgraphs, clients' operations and
 * denied fields: not for everyone. A bearer of the operator token; or everyone in development when
 * neither an operator port nor a token is configured.
 */
export function operatorAccess(options: { readonly development: boolean; readonly operator?: OperatorOptions }): (req: Request) => boolean {
  const token = options.operator?.token;
  const onApiPort = options.development && options.operator?.port === undefined && token === undefined;
  return (req) => onApiPort || (token !== undefined && bearerEquals(req.header('authorization'), token));
}

export interface OperatorServerOptions {
  readonly port: number;
  readonly host: string;
  readonly health: HealthMonitor;
  readonly metrics?: GatewayMetrics;
  readonly supergraph?: () => SupergraphStatus;
}

/** The operator port: `/health` with every detail and `/metrics`, to whoever reaches the port. */
export async function startOperatorServer(options: OperatorServerOptions): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.get(
    '/health',
    healthPage({ health: options.health, detailed: () => true, ...(options.supergraph ? { supergraph: options.supergraph } : {}) }),
  );
  app.get('/metrics', metricsEndpoint({ ...(options.metrics ? { metrics: options.metrics } : {}), allowed: () => true }));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  return server;
}

/** Compares a bearer credential in constant time. */
function bearerEquals(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return false;
  const [given, expected] = [Buffer.from(sha256Hex(match[1])), Buffer.from(sha256Hex(token))];
  return timingSafeEqual(given, expected);
}
