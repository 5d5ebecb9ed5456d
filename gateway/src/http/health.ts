import { Router, type Request, type RequestHandler } from 'express';
import type { HealthMonitor } from '../health-monitor';
import type { SupergraphStatus } from '../supergraph';

export interface HealthPageOptions {
  readonly health: HealthMonitor;
  /** Who sees each subgraph by name (and the supergraph's status) rather than the status alone. */
  readonly detailed: (req: Request) => boolean;
  /** The watched supergraph file's status, shown with the details. @default none: the supergraph is fixed */
  readonly supergraph?: () => SupergraphStatus;
}

export interface HealthRoutesOptions extends HealthPageOptions {
  /** Who may read `/health/details` (everyone else gets 404). */
  readonly mayReadDetails: (req: Request) => boolean;
  /** Whether the gateway is stopping: `/ready` turns 503 first. */
  readonly draining: () => boolean;
}

/** `/health`: 200 when every subgraph answers, else 503; each subgraph by name only to `detailed` callers. */
export function healthPage(options: HealthPageOptions): RequestHandler {
  const { health, detailed, supergraph } = options;
  return async (req, res) => {
    const report = await health.report();
    res
      .status(report.status === 'ok' ? 200 : 503)
      .json(detailed(req) ? (supergraph ? { ...report, supergraph: supergraph() } : report) : { status: report.status });
  };
}

/**
 * The API port's health routes: `/health`, `/health/details` for operators, `/ready` for load
 * balancers and `/live` for the process supervisor.
 */
export function healthRoutes(options: HealthRoutesOptions): Router {
  const { health, mayReadDetails, draining } = options;
  const router = Router();
  router.get('/health', healthPage(options));
  // For operators: per subgraph why down, since when, circuit state; Redis; readiness.
  router.get('/health/details', async (req, res) => {
    if (!mayReadDetails(req)) {
      res.status(404).end();
      return;
    }
    const details = await health.details(draining());
    res.status(details.status === 'ok' ? 200 : 503).json(details);
  });
  // Whether this replica can serve: not draining, and its subgraphs answering (from the background
  // probe, so load balancers polling it cost the departments nothing).
  router.get('/ready', (_req, res) => {
    const readiness = health.readiness(draining());
    res.status(readiness.ready ? 200 : 503).json(readiness.ready ? { ready: true } : { ready: false, reason: readiness.reason });
  });
  // Liveness: the process answers. Not `/health`, which turns 503 when a subgraph is down: restarting
  // gateways cannot bring a subgraph back.
  router.get('/live', (_req, res) => {
    res.json({ live: true });
  });
  return router;
}
