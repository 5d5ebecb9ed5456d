// Loads the supergraph as the API schema clients see: what the gateway serves, without the
// join__/link__ machinery composition adds for query planning. graphql-codegen calls this as a
// custom schema loader with the pointer it was given (the supergraph file).
const { readFileSync } = require('node:fs');
const { Supergraph } = require('@apollo/federation-internals');

/** @param {string} supergraphPath */
module.exports = function loadApiSchema(supergraphPath) {
  return Supergraph.build(readFileSync(supergraphPath, 'utf8')).apiSchema().toGraphQLJSSchema();
};
