import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isStaff } from '@liangling/schema';
import type { Request, RequestHandler } from 'express';
import { Router } from 'express';
import { authenticateRequest, type AuthOptions } from '../auth';

/** The files of a GraphiQL bundle (explorer/src/build.ts), beside the page this router writes. */
const FILES: Readonly<Record<string, string>> = {
  'page.js': 'text/javascript; charset=utf-8',
  'page.css': 'text/css; charset=utf-8',
  'editor.worker.js': 'text/javascript; charset=utf-8',
  'graphql.worker.js': 'text/javascript; charset=utf-8',
  'json.worker.js': 'text/javascript; charset=utf-8',
};

export interface ExplorerOptions {
  /** The folder of the built bundle (`npm run build:explorer -- <folder>`; `npm start` builds it in DATA_DIR). */
  readonly assetsDir: string;
  /** Where the page sends queries. @default '/graphql' */
  readonly endpoint?: string;
  /**
   * Who gets the page: everyone (development), or only requests whose credentials `isStaff` accepts
   * (production, when enabled: the staff member's token in `authorization`, which a sign-in proxy in
   * front adds to page requests). Anyone else gets 404. @default 'everyone'
   */
  readonly access?: 'everyone' | 'staff';
  /** For `access: 'staff'`: true when the request's credentials are a signed-in staff member's. @default nobody */
  readonly isStaff?: (request: Request) => Promise<boolean>;
}

/** The paths of the explorer's page. */
export const EXPLORER_PATHS = ['/', '/explorer'];

/** The policy the page needs: its own scripts and workers, Monaco's inline styles and data-URL fonts. */
export const EXPLORER_CSP = [
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
export function explorer(options: ExplorerOptions): Router {
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
  router.get(EXPLORER_PATHS, allowed, (_req, res) => {
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

/** True when the request's `authorization` is a valid token of a staff member (an API key is no one's). */
export function staffCredentials(auth: AuthOptions): (request: Request) => Promise<boolean> {
  return async (request) => {
    const authorization = request.header('authorization');
    if (!authorization) return false;
    const found = await authenticateRequest({ authorization, apiKey: undefined, purpose: undefined }, auth).catch(() => undefined);
    return found !== undefined && found.apiKeyId === undefined && isStaff(found.caller);
  };
}

function escapeAttribute(text: string): string {
  return text.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}
