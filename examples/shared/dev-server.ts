// The examples' development server: a built page's files, `/graphql` (and its `/graphql/stream`
// subscriptions) proxied to the gateway so that the page and the graph share an origin as they do
// behind the city's real apps, and `/dev-token`: a token for development only (a real host signs its
// users in itself).
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export interface StaticDevServerOptions {
  /** The built page's folder. */
  readonly distDir: string;
  /** The gateway's GraphQL endpoint the page's /graphql goes to. */
  readonly gatewayUrl: string;
  /** Mints a token for /dev-token (`?as=` names a profile, for pages that offer several). */
  readonly token: (profile: string | null) => Promise<string>;
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

/** Forwards a request to the gateway and streams the answer back (event streams included). */
async function proxy(req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  const answer = await fetch(url, {
    method: req.method ?? 'POST',
    headers,
    body: req.method === 'GET' ? null : new Uint8Array(await body(req)),
    signal: controller.signal,
  });
  const out: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? 'application/json' };
  for (const name of ['retry-after', 'cache-control']) {
    const value = answer.headers.get(name);
    if (value) out[name] = value;
  }
  res.writeHead(answer.status, out);
  if (!answer.body) return void res.end();
  res.flushHeaders();
  Readable.fromWeb(answer.body as WebReadableStream)
    .on('error', () => res.end())
    .pipe(res);
}

/** The gateway a development server proxies to: `--gateway`, else LIANGLING_URL, else `npm start`'s. */
export function devGatewayUrl(option: string | undefined): string {
  return option ?? process.env['LIANGLING_URL'] ?? 'http://127.0.0.1:4000/graphql';
}

/** A development token as `npm run token -- <args>` prints it, signed with the key `npm start` uses. */
export function mintDevToken(args: readonly string[]): string {
  const root = join(__dirname, '..', '..');
  return execFileSync(process.execPath, ['-r', './scripts/register.js', 'stack/src/bin/token.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
}

export async function startStaticDevServer(options: StaticDevServerOptions): Promise<DevServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const handle = async () => {
      if (path === '/graphql') return proxy(req, res, options.gatewayUrl);
      if (path === '/graphql/stream') return proxy(req, res, `${options.gatewayUrl.replace(/\/+$/, '')}/stream`);
      if (path === '/dev-token')
        return void res
          .writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' })
          .end(await options.token(url.searchParams.get('as')));
      const file = normalize(join(options.distDir, path === '/' ? 'index.html' : path));
      if (!file.startsWith(options.distDir)) return void res.writeHead(404).end();
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
