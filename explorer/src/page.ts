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
  // eslint-disable-next-line no-var
  var MonacoEnvironment: { getWorker(workerId: string, label: string): Worker } | undefined;
}

const base = new URL('.', document.baseURI);
globalThis.MonacoEnvironment = {
  getWorker: (_workerId, label) => new Worker(new URL(label === 'graphql' ? 'graphql.worker.js' : label === 'json' ? 'json.worker.js' : 'editor.worker.js', base)),
};

const root = document.getElementById('graphiql');
if (!root) throw new Error('the page has no #graphiql element');
const endpoint = root.dataset['endpoint'] ?? '/graphql';
const fetcher = createGraphiQLFetcher({ url: new URL(endpoint, document.baseURI).toString() });

createRoot(root).render(
  createElement(GraphiQL, {
    fetcher,
    defaultHeaders: root.dataset['defaultHeaders'] ?? '{\n  "authorization": "Bearer <your token>"\n}',
    defaultQuery: root.dataset['defaultQuery'] ?? '# Put your token in Headers below, then ask.\nquery {\n  __typename\n}\n',
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
  }),
);
