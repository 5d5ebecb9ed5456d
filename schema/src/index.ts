export { composeSupergraph } from './compose';
export type { ComposeResult, SubgraphSource } from './compose';
export { ERRORS, codedError, isErrorCode } from './errors';
export type { ErrorCode } from './errors';
export { maskUnexpectedErrors } from './mask-errors';
export { ANONYMOUS, CLEARANCE, PURPOSES, ROLES, SENSITIVE_PURPOSES, STAFF_ROLES, isStaff } from './privacy/caller';
export type { Caller, Role } from './privacy/caller';
export {
  CALLER_CONTEXT_HEADER,
  DEFAULT_KID,
  MIN_SECRET_LENGTH,
  bodyDigest,
  keySetOf,
  memoryReplayGuard,
  parseCaller,
  parseKeySet,
  signCallerContext,
  signingKeyOf,
  verifyCallerContext,
} from './privacy/caller-context';
export type {
  BoundRequest,
  CallerContextResult,
  HmacKeySet,
  KeyMaterial,
  KeySetResult,
  ReplayGuard,
  VerifyOptions,
} from './privacy/caller-context';
export { bestCase, decide } from './privacy/decide';
export { SCOPES, SCOPE_NAMES, SERVICE_SCOPES, hasScope, isScope, scopeReads } from './privacy/scopes';
export type { Scope } from './privacy/scopes';
export type { Decision, FieldPolicy, RowScope } from './privacy/decide';
export { PRIVACY_DIRECTIVE_SDL, PRIVACY_SPEC_URL, SENSITIVE_DIRECTIVE, subgraphLinkHeader } from './privacy/directive';
export { DATA_LEVELS, MASK_STRATEGIES, clears } from './privacy/levels';
export type { DataLevel, MaskStrategy } from './privacy/levels';
export { MASK_SHOWS, maskValue } from './privacy/masks';
export { readArgumentPolicies, readFieldPolicies } from './privacy/policies';
export type { ArgumentMeans, ArgumentPolicies, ArgumentPolicy, FieldPolicies } from './privacy/policies';
export { CONTRACTS_DIR, SCHEMA_DIR, SUBGRAPHS_DIR, SUPERGRAPH_PATH } from './paths';
export { AUDIENCES, PUBLISHED_AUDIENCES, audienceOf, buildContract } from './privacy/contracts';
export type { Audience } from './privacy/contracts';
export { apiSchemaOf, policiesOfSupergraph } from './supergraph';
export { fieldsOutsideContract } from './fields-outside-contract';
export type { FieldOutsideContract } from './fields-outside-contract';
export { KEY_VARIABLES, keysFromVariables } from './privacy/key-variables';
export type { KeyName, KeyVariables, KeyVariablesResult } from './privacy/key-variables';
