// Serves the built page, and for development only: /graphql proxied to the gateway (so the page and
// the graph share an origin, as they do behind the city's real app) and /dev-token, a resident's token.
//
//   npm run example:gov-service-app        (with `npm start` running: http://127.0.0.1:5173)
//
// Options: --port (default 5173), --gateway (or LIANGLING_URL; default http://127.0.0.1:4000/graphql),
// --resident (default p-0000001, whose home is 多福社区第一网格).
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp, DIST_DIR } from './build';

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

export interface DevServer {
  readonly url: string;
  stop(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};
const FORWARDED = ['authorization', 'content-type', 'accept', 'x-liangling-purpose', 'x-api-key'];

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function proxy(req: IncomingMessage, res: ServerResponse, gatewayUrl: string): Promise<void> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const answer = await fetch(gatewayUrl, { method: req.method ?? 'POST', headers, body: req.method === 'GET' ? null : new Uint8Array(await body(req)) });
  const out: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? 'application/json' };
  const retryAfter = answer.headers.get('retry-after');
  if (retryAfter) out['retry-after'] = retryAfter;
  res.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handle = async () => {
      if (path === '/graphql') return proxy(req, res, options.gatewayUrl);
      if (path === '/dev-token') return void res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end(await options.token());
      const file = normalize(join(DIST_DIR, path === '/' ? 'index.html' : path));
      if (!file.startsWith(DIST_DIR)) return void res.writeHead(404).end();
      const content = await readFile(file).catch(() => undefined);
      if (!content) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(content);
    };
    handle().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 5173, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (require.main === module) {
  const { values } = parseArgs({ options: { port: { type: 'string' }, gateway: { type: 'string' }, resident: { type: 'string' } } });
  const root = join(__dirname, '..', '..');
  const resident = values.resident ?? 'p-0000001';
  // The same development token `npm run token` prints, signed with the key `npm start` uses.
  const token = async () =>
    execFileSync(process.execPath, ['-r', './scripts/register.js', 'stack/src/bin/token.ts', '--role', 'resident', '--sub', resident, '--client-app', 'gov-service-app'], { cwd: root, encoding: 'utf8' }).trim();
  let cached: Promise<string> | undefined;
  buildApp()
    .then(() => startDevServer({ gatewayUrl: values.gateway ?? process.env['LIANGLING_URL'] ?? 'http://127.0.0.1:4000/graphql', port: Number(values.port ?? 5173), token: () => (cached ??= token()) }))
    .then((server) => console.log(`gov-service-app: ${server.url} (resident ${resident}; Ctrl-C to stop)`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
