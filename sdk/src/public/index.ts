// `@liangling/sdk/public`: for anonymous callers and third-party apps (an API key, or nothing). Its
// operations are generated from the public contract, so only PUBLIC fields can be asked for.
export * from '../index';
// One TypedDocumentNode with its result and variables types per operation in sdk/operations/public.
export * from '../generated/public/graphql';
// Every type of the public contract (enums and inputs are what an app writes values of).
export type * as Schema from '../generated/public/schema-types';
