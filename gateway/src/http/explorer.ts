import { Router } from 'express';
import { EXPLORER_PATHS } from './security-headers';

export interface ExplorerOptions {
  /** The GraphQL endpoint the page posts to. @default '/graphql' */
  readonly endpoint?: string;
}

/** The explorer page at `/` and `/explorer` (mount it in development only). */
export function explorer(options: ExplorerOptions = {}): Router {
  const page = explorerPage(options.endpoint ?? '/graphql');
  const router = Router();
  router.get(EXPLORER_PATHS, (_req, res) => {
    res.type('html').send(page);
  });
  return router;
}

/**
 * A GraphQL explorer that needs nothing from the network: one HTML page with a query editor,
 * variables, headers, and a schema browser fed by introspection of the caller's own contract.
 * Served by the gateway in development only.
 */
function explorerPage(endpoint: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Liangling explorer</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; font: 14px system-ui, sans-serif; display: grid; grid-template-columns: 1fr 1fr 18rem; grid-template-rows: auto 1fr; height: 100vh; }
  header { grid-column: 1 / -1; padding: .5rem 1rem; background: #1d3557; color: #fff; display: flex; gap: 1rem; align-items: center; }
  section { display: flex; flex-direction: column; border-right: 1px solid #ddd; min-height: 0; }
  textarea, pre { flex: 1; margin: 0; padding: .5rem; border: 0; font: 13px ui-monospace, monospace; resize: none; overflow: auto; }
  label { padding: .25rem .5rem; background: #f1f1f1; font-weight: 600; }
  #schema { overflow: auto; padding: .5rem; font: 12px ui-monospace, monospace; }
  button { font: inherit; padding: .25rem 1rem; }
</style></head>
<body>
<header><strong>Liangling explorer</strong><span>${escapeHtml(endpoint)}</span><button id="run">Run (Ctrl+Enter)</button></header>
<section><label>Query</label><textarea id="query" spellcheck="false">{\n  regions(level: CITY) { id name }\n}</textarea>
<label>Variables (JSON)</label><textarea id="variables" spellcheck="false" style="flex:.3">{}</textarea>
<label>Headers (JSON, e.g. {"authorization": "Bearer …"})</label><textarea id="headers" spellcheck="false" style="flex:.3">{}</textarea></section>
<section><label>Response</label><pre id="result"></pre></section>
<section><label>Schema (your contract) <button id="load">Load</button></label><div id="schema"></div></section>
<script>
const endpoint = ${JSON.stringify(endpoint)};
const $ = (id) => document.getElementById(id);
const json = (id) => { const text = $(id).value.trim(); return text ? JSON.parse(text) : {}; };
async function post(body) {
  const headers = Object.assign({ 'content-type': 'application/json' }, json('headers'));
  const response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}
async function run() {
  try {
    const { status, body } = await post({ query: $('query').value, variables: json('variables') });
    $('result').textContent = 'HTTP ' + status + '\\n' + JSON.stringify(body, null, 2);
  } catch (error) { $('result').textContent = String(error); }
}
const typeName = (t) => t.kind === 'NON_NULL' ? typeName(t.ofType) + '!' : t.kind === 'LIST' ? '[' + typeName(t.ofType) + ']' : t.name;
const TYPE = '{ kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
async function loadSchema() {
  const { body } = await post({ query: '{ __schema { types { name kind description fields { name description args { name type ' + TYPE + ' } type ' + TYPE + ' } } } }' });
  if (!body.data) { $('schema').textContent = JSON.stringify(body.errors); return; }
  const types = body.data.__schema.types.filter((t) => !t.name.startsWith('__') && t.fields);
  $('schema').innerHTML = types.map((t) => '<details><summary>' + t.name + '</summary>' +
    t.fields.map((f) => '<div title="' + (f.description || '').replace(/"/g, '&quot;') + '">' + f.name +
      (f.args.length ? '(' + f.args.map((a) => a.name + ': ' + typeName(a.type)).join(', ') + ')' : '') + ': ' + typeName(f.type) + '</div>').join('') +
    '</details>').join('');
}
$('run').onclick = run;
$('load').onclick = loadSchema;
document.addEventListener('keydown', (e) => { if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') run(); });
</script></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
