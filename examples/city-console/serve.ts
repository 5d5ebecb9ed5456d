// Serves the built console, /graphql (and /graphql/stream) proxied to the gateway, and — for
// development only — /dev-token?as=<profile>: a staff token signed with `npm start`'s key.
//
//   npm run example:city-console        (with `npm start` running: http://127.0.0.1:5174)
//
// Options: --port (default 5174), --gateway (or LIANGLING_URL; default http://127.0.0.1:4000/graphql).
import { parseArgs } from 'node:util';
import { exitOnFailure } from '../shared/build-page';
import { devGatewayUrl, mintDevToken, startStaticDevServer, type DevServer } from '../shared/dev-server';
import { buildConsole, DIST_DIR } from './build';

/** The staff the console signs in as in development, as `npm run token` arguments. */
export const CONSOLE_PROFILES: Readonly<Record<string, readonly string[]>> = {
  emergency: ['--role', 'department_officer', '--sub', 'em-duty-1', '--department', 'EMERGENCY'],
  'grid-worker': ['--role', 'grid_worker', '--sub', 'gw-duofu-1', '--regions', 'r-210103-1-1-1'],
  supervisor: ['--role', 'department_officer', '--sub', 'sup-1', '--department', 'SUPERVISION'],
};

export interface ConsoleServerOptions {
  readonly gatewayUrl: string;
  /** A token for a profile of {@link CONSOLE_PROFILES}. */
  readonly token: (profile: string) => Promise<string>;
  /** @default 5174; 0 picks a free port */
  readonly port?: number;
}

export function startConsoleServer(options: ConsoleServerOptions): Promise<DevServer> {
  return startStaticDevServer({
    distDir: DIST_DIR,
    gatewayUrl: options.gatewayUrl,
    port: options.port ?? 5174,
    token: (profile) => options.token(profile && profile in CONSOLE_PROFILES ? profile : 'emergency'),
  });
}

if (require.main === module) {
  const { values } = parseArgs({ options: { port: { type: 'string' }, gateway: { type: 'string' } } });
  const tokens = new Map<string, Promise<string>>();
  const token = (profile: string) => {
    let minted = tokens.get(profile);
    if (!minted) {
      minted = Promise.resolve(mintDevToken([...(CONSOLE_PROFILES[profile] ?? []), '--client-app', 'city-console']));
      tokens.set(profile, minted);
    }
    return minted;
  };
  exitOnFailure(
    buildConsole()
      .then(() => startConsoleServer({ gatewayUrl: devGatewayUrl(values.gateway), port: Number(values.port ?? 5174), token }))
      .then((server) => console.log(`city-console: ${server.url} (?as=emergency | grid-worker | supervisor; Ctrl-C to stop)`)),
  );
}
