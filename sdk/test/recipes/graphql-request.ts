// graphql-request, against a gateway that holds the app's key to its published documents: a request
// middleware sends the published document's hash in place of the text.
import { GraphQLClient } from 'graphql-request';
import manifest from './gql/persisted-documents.json';
import { graphql } from './gql';

const Districts = graphql(`query Districts { regions(level: DISTRICT) { id name } }`);

// Operation name → hash of the published text.
const hashes = new Map(Object.entries(manifest as Record<string, string>).map(([hash, text]) => [text.split(/[\s({]/)[1], hash]));

const client = new GraphQLClient(process.env['LIANGLING_GATEWAY_URL'] ?? '', {
  headers: { 'x-api-key': process.env['LIANGLING_API_KEY'] ?? '' },
  requestMiddleware: (request) => {
    const { operationName, variables } = JSON.parse(String(request.body)) as { operationName?: string; variables?: unknown };
    const sha256Hash = hashes.get(operationName ?? '');
    return { ...request, body: JSON.stringify({ operationName, variables, extensions: { persistedQuery: { version: 1, sha256Hash } } }) };
  },
});

client.request(Districts).then((data) => console.log(JSON.stringify(data)));
