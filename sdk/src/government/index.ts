// `@liangling/sdk/government`: for staff (grid workers, community staff, officers, auditors) and the
// government-service app acting for a signed-in resident. Generated from the government contract.
export * from '../index';
// One TypedDocumentNode with its result and variables types per operation in sdk/operations/government.
export * from '../generated/government/graphql';
export type * as Schema from '../generated/government/schema-types';
