// urql, against a gateway that holds the app's key to its published documents: send each document's
// hash (urql omits the text then), and POST: urql's default GET is refused by the gateway's CSRF
// prevention, since a GET without a non-simple header is what a cross-site form could send.
import { Client, fetchExchange, makeOperation, mapExchange } from '@urql/core';
import { graphql } from './gql';

const Districts = graphql(`query Districts { regions(level: DISTRICT) { id name } }`);

const client = new Client({
  url: process.env['LIANGLING_GATEWAY_URL'] ?? '',
  preferGetMethod: process.env['RECIPE_GET'] === '1' ? 'force' : false,
  fetchOptions: { headers: { 'x-api-key': process.env['LIANGLING_API_KEY'] ?? '' } },
  exchanges: [
    mapExchange({
      onOperation: (operation) => {
        const hash = (operation.query as { __meta__?: { hash?: string } }).__meta__?.hash;
        return makeOperation(operation.kind, { ...operation, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, operation.context);
      },
    }),
    fetchExchange,
  ],
});

client
  .query(Districts, {})
  .toPromise()
  .then((result) => console.log(JSON.stringify(result.error ? { error: result.error.message } : result.data)));
