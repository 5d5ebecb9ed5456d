import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { maskUnexpectedErrors } from '@liangling/schema';
import express from 'express';
import { authenticate, type AuthOptions } from './auth';
import type { GatewayContext } from './context';
import { checkSubgraphs } from './health';
import { httpErrorHandler } from './http-errors';
import { privacyPlugin } from './plugins/privacy-plugin';
import { SignedSubgraphSource } from './subgraph-source';
import { subgraphsOf } from './supergraph';

export interface GatewayOptions {
  /** The supergraph to serve: any composed Federation 2 supergraph. */
  readonly supergraphSdl: string;
  /** How callers' tokens are verified. */
  readonly auth: AuthOptions;
  /** Key that signs the caller context sent to subgraphs; the subgraphs hold the same. */
  readonly callerKey: Uint8Array;
  /** Replaces the URL the supergraph gives for a subgraph, by subgraph name. @default {} */
  readonly subgraphUrls?: Readonly<Record<string, string>>;
  /** @default 4000 */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Stack traces in errors. @default false */
  readonly development?: boolean;
  /** Largest request body accepted. @default '1mb' */
  readonly bodyLimit?: string;
}

export interface RunningGateway {
  readonly url: string;
  stop(): Promise<void>;
}

/** Serves a supergraph at `/graphql`, with `/health` reporting each subgraph. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const overrides = options.subgraphUrls ?? {};
  const subgraphs = subgraphsOf(options.supergraphSdl).map(({ name, url }) => ({ name, url: overrides[name] ?? url }));
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new SignedSubgraphSource(overrides[name] ?? url ?? '', options.callerKey),
  });
  const app = express();
  const httpServer = createServer(app);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: options.development ?? false,
    formatError: maskUnexpectedErrors,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), privacyPlugin()],
  });
  await server.start();

  app.get('/health', async (_req, res) => {
    const report = await checkSubgraphs(subgraphs);
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });
  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimit ?? '1mb' }),
    expressMiddleware(server, {
      context: async ({ req }) => ({
        caller: await authenticate(req.header('authorization'), options.auth),
        requestId: req.header('x-request-id') ?? randomUUID(),
      }),
    }),
  );
  app.use(httpErrorHandler);

  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 4000, options.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, stop: () => server.stop() };
}
