// Apollo Client, against a gateway that holds the app's key to its published documents. Generate
// with lianglingCodegen({ audience: 'public', addTypename: true }): Apollo Client adds __typename
// before sending, so the published documents must have it too.
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { graphql } from './gql';

const Districts = graphql(`query Districts { regions(level: DISTRICT) { id name } }`);

const client = new ApolloClient({
  cache: new InMemoryCache(),
  link: new PersistedQueryLink({
    // The hash codegen put on the document: the published text's, not a hash of Apollo's own print.
    generateHash: (document) => (document as { __meta__?: { hash?: string } }).__meta__?.hash ?? '',
  }).concat(new HttpLink({ uri: process.env['LIANGLING_GATEWAY_URL'], headers: { 'x-api-key': process.env['LIANGLING_API_KEY'] ?? '' } })),
});

client.query({ query: Districts }).then(({ data }) => console.log(JSON.stringify(data)));
