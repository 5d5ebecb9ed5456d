// The SDK's public surface: the client, its typed errors, the generated operations and the
// privacy policy of every field.
export { PURPOSE_HEADER, createClient } from './client';
export type { ClientOptions, LianglingClient, RequestOptions, RequestResult } from './client';
export { AuthError, BadInputError, LianglingError, NetworkError, PrivacyDeniedError } from './errors';
export type { ErrorDetails, GraphQLErrorPayload, LianglingErrorCode, ResponsePath } from './errors';
// One TypedDocumentNode with its result and variables types per operation in sdk/operations; the
// list grows with the operations, so it is not repeated here by hand.
export * from './generated/graphql';
// Enums and inputs an app writes values of; the rest of the schema's types under `Schema`
// (they describe the schema, not what a query returns: use the operation types for that).
export type { DataLevel, MaskStrategy, RegionLevel, RepairCategory, RequestStatus, SubmitRepairRequestInput } from './generated/schema-types';
export type * as Schema from './generated/schema-types';
export { SENSITIVE_FIELDS } from './generated/sensitive';
export type { SensitiveField } from './generated/sensitive';
