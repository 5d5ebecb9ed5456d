// `@liangling/sdk/partner`: for partner organisations (utilities, property companies, merchants) with
// a partner token or API key. Generated from the partner contract: no SECRET field can be asked for.
export * from '../index';
// One TypedDocumentNode with its result and variables types per operation in sdk/operations/partner.
export * from '../generated/partner/graphql';
export type * as Schema from '../generated/partner/schema-types';
