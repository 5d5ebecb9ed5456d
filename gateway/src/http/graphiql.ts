import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, RequestHandler } from 'express';
import { Router } from 'express';

/** The files of a GraphiQL bundle (explorer/src/build.ts), beside the page this router writes. */
const FILES: Readonly<Record<string, string>> = {
  'page.js': 'text/javascript; charset=utf-8',
  'page.css': 'text/css; charset=utf-8',
  'editor.worker.js': 'text/javascript; charset=utf-8',
  'graphql.worker.js': 'text/javascript; charset=utf-8',
  'json.worker.js': 'text/javascript; charset=utf-8',
};

export interface GraphiQLOptions {
  /** The folder of the built bundle (`npm run build:explorer -- <folder>`; `npm start` builds it in DATA_DIR). */
  readonly assetsDir: string;
  /** Where the page sends queries. @default '/graphql' */
  readonly endpoint?: string;
  /**
   * Who gets the page: everyone (development), or only requests whose caller `isStaff` accepts
   * (production, when enabled: a proxy in front adds the staff member's token). @default 'everyone'
   */
  readonly access?: 'everyone' | 'staff';
  /** For `access: 'staff'`: true when the request's credentials are a signed-in staff member's. */
  readonly isStaff?: (request: Request) => Promise<boolean>;
}

/** The policy the page needs: its own scripts and workers, Monaco's inline styles and data-URL fonts. */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * GraphiQL at `/` and `/explorer`, bundled from npm and served from this gateway alone (no CDN): the
 * docs explorer and autocomplete come from introspection, which the gateway answers from the caller's
 * contract, so a caller sees the API their token can use and nothing more.
 */
export function graphiql(options: GraphiQLOptions): Router {
  const router = Router();
  const endpoint = options.endpoint ?? '/graphql';
  const allowed: RequestHandler = (req, res, next) => {
    if (options.access !== 'staff') return next();
    (options.isStaff ?? (async () => false))(req).then(
      (staff) => (staff ? next() : res.status(404).type('text/plain').send('Not found\n')),
      next,
    );
  };
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Liangling · GraphiQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/explorer/page.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head><body><div id="graphiql" data-endpoint="${escapeAttribute(endpoint)}" data-assets="/explorer/"></div>
<script src="/explorer/page.js"></script></body></html>
`;
  // Read once: the bundle does not change under a running gateway.
  const files = new Map<string, Buffer>();
  const read = (file: string): Buffer | undefined => {
    const path = join(options.assetsDir, file);
    if (!files.has(file) && existsSync(path)) files.set(file, readFileSync(path));
    return files.get(file);
  };
  // Browsers ask for one; there is none, and a 404 would be noise in the console.
  router.get('/favicon.ico', (_req, res) => void res.status(204).end());
  router.get(['/', '/explorer'], allowed, (_req, res) => {
    res.setHeader('content-security-policy', GRAPHIQL_CSP);
    res.type('html').send(page);
  });
  router.get('/explorer/:file', allowed, (req, res) => {
    const file = String(req.params['file'] ?? '');
    const type = FILES[file];
    const body = type ? read(file) : undefined;
    if (!type || !body) return void res.status(404).type('text/plain').send('Not found\n');
    res.setHeader('content-type', type);
    res.setHeader('cache-control', 'public, max-age=3600');
    res.send(body);
  });
  return router;
}

function escapeAttribute(text: string): string {
  return text.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}
