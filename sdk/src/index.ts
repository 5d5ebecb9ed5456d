// The SDK's shared core: the client, its typed errors, pagination, and the privacy policy of every
// field. The operations are in the entry point of your audience, which re-exports all of this:
// `@liangling/sdk/public` (anonymous callers and third-party apps), `@liangling/sdk/partner`
// (partner organisations), `@liangling/sdk/government` (staff, and the government-service app).
export { API_KEY_HEADER, PURPOSE_HEADER, createClient, mayRetry } from './client';
export type {
  ClientOptions,
  LianglingClient,
  LianglingSubscription,
  RequestOptions,
  RequestResult,
  RetryOptions,
  VariablesArgs,
} from './client';
export { AuthError, BadInputError, LianglingError, NetworkError, PrivacyDeniedError, RateLimitedError } from './errors';
export type { ErrorDetails, GraphQLErrorPayload, LianglingErrorCode, ResponsePath } from './errors';
export type { ErrorCode } from './generated/error-codes';
export { paginate } from './paginate';
export type { Connection, PaginateOptions } from './paginate';
export { persistedMetaOf } from './persisted';
export type { PersistedMeta } from './persisted';
export { isMasked } from './masked';
export type { Masked } from './masked';
export { SENSITIVE_FIELDS } from './generated/sensitive';
export type { DataLevel, MaskStrategy, SensitiveField } from './generated/sensitive';
export type { TypedDocumentNode } from '@graphql-typed-document-node/core';
