import type { SubgraphEndpoint } from './supergraph';

export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  readonly subgraphs: Readonly<Record<string, 'ok' | 'down'>>;
}

/**
 * Asks every subgraph's `/health`, each bounded by `timeoutMs`. A subgraph that has no such route
 * (404) answered all the same, so it counts as up; one that fails, times out or says 5xx is down.
 */
export async function checkSubgraphs(subgraphs: readonly SubgraphEndpoint[], timeoutMs = 2000): Promise<HealthReport> {
  const results = await Promise.all(
    subgraphs.map(async ({ name, url }) => {
      try {
        const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(timeoutMs) });
        return [name, response.ok || response.status === 404 ? 'ok' : 'down'] as const;
      } catch {
        return [name, 'down'] as const;
      }
    }),
  );
  const subgraphStatus = Object.fromEntries(results);
  return { status: results.every(([, status]) => status === 'ok') ? 'ok' : 'degraded', subgraphs: subgraphStatus };
}
