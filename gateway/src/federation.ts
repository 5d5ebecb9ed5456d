import { ApolloGateway } from '@apollo/gateway';
import type { KeyMaterial } from '@liangling/schema';
import type { Logger } from 'pino';
import type { GatewayMetrics } from './metrics';
import { disableApolloTelemetry } from './no-phone-home';
import { SignedSubgraphSource, type SubgraphFetchOutcome, type SubgraphResilienceOptions } from './subgraph-source';
import { subgraphsOf, watchSupergraph, type SubgraphEndpoint, type SupergraphStatus } from './supergraph';

export interface FederationOptions {
  readonly supergraphSdl: string;
  /** The file the supergraph was read from, watched and served anew when it changes. @default none */
  readonly supergraphPath?: string;
  readonly callerKey: KeyMaterial;
  /** Replaces the URL the supergraph gives for a subgraph, by subgraph name. @default {} */
  readonly subgraphUrls?: Readonly<Record<string, string>>;
  /** For all subgraphs. @default the source's defaults */
  readonly subgraphDefaults?: SubgraphResilienceOptions;
  /** Per subgraph name, over `subgraphDefaults`. @default {} */
  readonly subgraphOptions?: Readonly<Record<string, SubgraphResilienceOptions>>;
  readonly logger: Logger;
  /** Apollo's own logger. */
  readonly apolloLogger: Logger;
  readonly metrics: GatewayMetrics | undefined;
}

export interface Federation {
  readonly gateway: ApolloGateway;
  /** The subgraph source of each subgraph by name, once Apollo has built it. */
  readonly sources: ReadonlyMap<string, SignedSubgraphSource>;
  /** The subgraphs of the supergraph served now, with their URLs as overridden. */
  subgraphs(): readonly SubgraphEndpoint[];
  /** The watched file's status, when a file is watched. */
  readonly supergraphStatus?: () => SupergraphStatus;
}

/** At most one line a second per subgraph says its queue refuses fetches, however many it refuses. */
const OVERLOADED_LOG_INTERVAL_MS = 1000;

/**
 * The query planner and executor over the supergraph: ApolloGateway with a signed, resilient source
 * per subgraph (timeouts, retries, a circuit breaker whose openings and closings are logged and
 * counted, a bounded queue whose refusals are), reloading the supergraph file when one is watched.
 */
export function createFederation(options: FederationOptions): Federation {
  const { logger, metrics } = options;
  const overrides = options.subgraphUrls ?? {};
  const endpointsOf = (sdl: string) => subgraphsOf(sdl).map(({ name, url }) => ({ name, url: overrides[name] ?? url }));
  let subgraphs = endpointsOf(options.supergraphSdl);
  const watcher = options.supergraphPath
    ? watchSupergraph({
        path: options.supergraphPath,
        initialSdl: options.supergraphSdl,
        logger,
        onLoad: (sdl) => void (subgraphs = endpointsOf(sdl)),
      })
    : undefined;
  const sources = new Map<string, SignedSubgraphSource>();
  metrics?.watchSubgraphQueues(() => [...sources].map(([name, source]) => [name, source.queue.load] as const));
  disableApolloTelemetry();
  const gateway = new ApolloGateway({
    supergraphSdl: watcher ? watcher.hook : options.supergraphSdl,
    logger: options.apolloLogger,
    buildService: ({ name, url }) => {
      const resilience = { ...options.subgraphDefaults, ...options.subgraphOptions?.[name] };
      const onStateChange = (state: 'open' | 'closed') => {
        metrics?.observeCircuitChange(name, state);
        if (state === 'open')
          logger.warn({ event: 'circuit_open', subgraph: name }, `circuit of ${name} opened: its fetches fail fast until a trial succeeds`);
        else logger.info({ event: 'circuit_closed', subgraph: name }, `circuit of ${name} closed: it answers again`);
      };
      let refused = 0;
      let loggedAt = -Infinity;
      const onFetch = (fetch: SubgraphFetchOutcome) => {
        metrics?.observeFetch(fetch);
        if (fetch.outcome !== 'overloaded') return;
        refused += 1;
        if (Date.now() - loggedAt < OVERLOADED_LOG_INTERVAL_MS) return;
        loggedAt = Date.now();
        logger.warn(
          { event: 'subgraph_overloaded', subgraph: name, refused, ...source.queue.load },
          `queue of ${name} is full: its fetches are refused with OVERLOADED (${refused} since the last line)`,
        );
        refused = 0;
      };
      const source = new SignedSubgraphSource(
        overrides[name] ?? url ?? '',
        options.callerKey,
        name,
        { ...resilience, circuitBreaker: { ...resilience.circuitBreaker, onStateChange } },
        onFetch,
      );
      sources.set(name, source);
      return source;
    },
  });
  return { gateway, sources, subgraphs: () => subgraphs, ...(watcher ? { supergraphStatus: watcher.status } : {}) };
}
