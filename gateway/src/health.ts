import type { SubgraphEndpoint } from './supergraph';

export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  readonly subgraphs: Readonly<Record<string, 'ok' | 'down'>>;
}

/** Asks every subgraph's `/health` (beside its `/graphql`), each bounded by `timeoutMs`. */
export async function checkSubgraphs(subgraphs: readonly SubgraphEndpoint[], timeoutMs = 2000): Promise<HealthReport> {
  const results = await Promise.all(
    subgraphs.map(async ({ name, url }) => {
      try {
        const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(timeoutMs) });
        return [name, response.ok ? 'ok' : 'down'] as const;
      } catch {
        return [name, 'down'] as const;
      }
    }),
  );
  const subgraphStatus = Object.fromEntries(results);
  return { status: results.every(([, status]) => status === 'ok') ? 'ok' : 'degraded', subgraphs: subgraphStatus };
}
