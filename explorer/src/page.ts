// The GraphiQL page, bundled for the browser by build.ts. Everything it loads comes from the gateway
// that serves it (no CDN): the editor's workers are files of the same bundle. The caller's token goes
// in GraphiQL's headers pane (`{"authorization": "Bearer …"}`); the gateway then answers
// introspection, docs and autocomplete from that caller's contract, and every query as that caller.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';

declare global {
  var MonacoEnvironment: { getWorker(workerId: string, label: string): Worker } | undefined;
}

const root = document.getElementById('graphiql');
if (!root) throw new Error('the page has no #graphiql element');
// The bundle's folder, where the editor's workers are too.
const assets = new URL(root.dataset['assets'] ?? '/explorer/', document.baseURI);
const WORKERS: Readonly<Record<string, string>> = { graphql: 'graphql.worker.js', json: 'json.worker.js' };
globalThis.MonacoEnvironment = { getWorker: (_workerId, label) => new Worker(new URL(WORKERS[label] ?? 'editor.worker.js', assets)) };
const endpoint = root.dataset['endpoint'] ?? '/graphql';
const fetcher = createGraphiQLFetcher({ url: new URL(endpoint, document.baseURI).toString() });

const DEFAULT_QUERY = `# Liangling's graph, as the caller you are.
#
# Without a token you see the public contract. Put your token in Headers below:
#   {"authorization": "Bearer <token>"}
# and the docs, autocomplete and answers become those of your role and places.
query Regions {
  regions(level: DISTRICT) {
    id
    name
  }
}
`;

createRoot(root).render(
  createElement(GraphiQL, {
    fetcher,
    // No token: the public contract. With `{"authorization": "Bearer …"}` in Headers, the caller's own.
    defaultQuery: root.dataset['defaultQuery'] ?? DEFAULT_QUERY,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
  }),
);
