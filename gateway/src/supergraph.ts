import { createHash } from 'node:crypto';
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { SupergraphSdlHook } from '@apollo/gateway';
import { Kind, parse, valueFromASTUntyped } from 'graphql';
import type { Logger } from 'pino';

export interface SubgraphEndpoint {
  readonly name: string;
  readonly url: string;
}

/** The subgraphs a supergraph names (`enum join__Graph` with `@join__graph(name, url)`). */
export function subgraphsOf(supergraphSdl: string): SubgraphEndpoint[] {
  const endpoints: SubgraphEndpoint[] = [];
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((node) => node.name.value === 'join__graph');
      const args = Object.fromEntries((directive?.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value)]));
      if (typeof args['name'] === 'string' && typeof args['url'] === 'string') endpoints.push({ name: args['name'], url: args['url'] });
    }
  }
  return endpoints;
}

/** What the gateway serves, and the last reload that failed (shown on `/health`). */
export interface SupergraphStatus {
  /** The file watched, when there is one. */
  readonly path?: string;
  /** SHA-256 (hex, first 12) of the supergraph served. */
  readonly served: string;
  readonly loadedAt: string;
  /** The last file content that could not be loaded: the gateway kept serving the previous one. */
  readonly lastError?: { readonly at: string; readonly message: string };
}

export interface SupergraphWatchOptions {
  readonly path: string;
  readonly initialSdl: string;
  /** @default 500 */
  readonly intervalMs?: number;
  readonly logger: Logger;
  /** Told of each supergraph taken into service (after the first), e.g. to update the health checks. */
  readonly onLoad?: (supergraphSdl: string) => void;
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/**
 * A supergraph read from a file and swapped when the file changes, as ApolloGateway's
 * `supergraphSdl` hook: requests in flight finish on the schema they were planned with, new ones get
 * the new schema (and, through the plugins' `schemaDidLoadOrUpdate`, new contracts). A file that does
 * not load (unreadable, not a supergraph, no subgraphs) changes nothing but the status and a log line.
 * Polls the file (`fs.watchFile`): it survives editors and deploy tools that replace the file by renaming.
 */
export function watchSupergraph(options: SupergraphWatchOptions): { hook: SupergraphSdlHook; status: () => SupergraphStatus } {
  let status: SupergraphStatus = { path: options.path, served: shortHash(options.initialSdl), loadedAt: new Date().toISOString() };
  let served = options.initialSdl;
  const hook: SupergraphSdlHook = async ({ update }) => {
    const check = () => {
      let sdl: string;
      try {
        sdl = readFileSync(options.path, 'utf8');
      } catch (error) {
        fail(`cannot read ${options.path}: ${(error as Error).message}`);
        return;
      }
      if (sdl === served) return;
      try {
        if (subgraphsOf(sdl).length === 0) throw new Error('it names no subgraph (enum join__Graph)');
        update(sdl);
      } catch (error) {
        fail((error as Error).message);
        return;
      }
      served = sdl;
      status = { path: options.path, served: shortHash(sdl), loadedAt: new Date().toISOString() };
      options.logger.info({ supergraph: options.path, served: status.served }, 'supergraph reloaded');
      options.onLoad?.(sdl);
    };
    const fail = (message: string) => {
      status = { ...status, lastError: { at: new Date().toISOString(), message } };
      options.logger.error({ supergraph: options.path, reason: message }, 'supergraph not reloaded: still serving the previous one');
    };
    const listener = () => check();
    watchFile(options.path, { interval: options.intervalMs ?? 500, persistent: false }, listener);
    return { supergraphSdl: options.initialSdl, cleanup: async () => unwatchFile(options.path, listener) };
  };
  return { hook, status: () => status };
}
