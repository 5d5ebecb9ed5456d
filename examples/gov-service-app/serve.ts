// Serves the built page, and for development only: /graphql proxied to the gateway (so the page and
// the graph share an origin, as they do behind the city's real app) and /dev-token, a resident's token.
//
//   npm run example:gov-service-app        (with `npm start` running: http://127.0.0.1:5173)
//
// Options: --port (default 5173), --gateway (or LIANGLING_URL; default http://127.0.0.1:4000/graphql),
// --resident (default p-0000001, whose home is 多福社区第一网格).
import { parseArgs } from 'node:util';
import { exitOnFailure } from '../shared/build-page';
import { devGatewayUrl, mintDevToken, startStaticDevServer, type DevServer } from '../shared/dev-server';
import { buildApp, DIST_DIR } from './build';

export type { DevServer };

export interface DevServerOptions {
  /** The gateway's GraphQL endpoint the page's /graphql goes to. */
  readonly gatewayUrl: string;
  /** Mints the resident's token for /dev-token (development only; a real host has its own sign-in). */
  readonly token: () => Promise<string>;
  /** @default 5173; 0 picks a free port */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
}

export function startDevServer(options: DevServerOptions): Promise<DevServer> {
  return startStaticDevServer({ ...options, distDir: DIST_DIR, token: () => options.token() });
}

if (require.main === module) {
  const { values } = parseArgs({ options: { port: { type: 'string' }, gateway: { type: 'string' }, resident: { type: 'string' } } });
  const resident = values.resident ?? 'p-0000001';
  let cached: Promise<string> | undefined;
  const token = () =>
    (cached ??= Promise.resolve(mintDevToken(['--role', 'resident', '--sub', resident, '--client-app', 'gov-service-app'])));
  exitOnFailure(
    buildApp()
      .then(() => startDevServer({ gatewayUrl: devGatewayUrl(values.gateway), port: Number(values.port ?? 5173), token }))
      .then((server) => console.log(`gov-service-app: ${server.url} (resident ${resident}; Ctrl-C to stop)`)),
  );
}
