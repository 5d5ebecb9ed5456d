import type { Request, RequestHandler } from 'express';
import type { GatewayMetrics } from '../metrics';

export interface MetricsEndpointOptions {
  /** The registry to expose; none serves nothing (the request goes on, to a 404). @default none */
  readonly metrics?: GatewayMetrics;
  /** Who may read it; anyone else goes on, to a 404. */
  readonly allowed: (req: Request) => boolean;
}

/** `/metrics` in Prometheus's text format. */
export function metricsEndpoint(options: MetricsEndpointOptions): RequestHandler {
  const { metrics, allowed } = options;
  return async (req, res, next) => {
    if (!metrics || !allowed(req)) return next();
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  };
}
