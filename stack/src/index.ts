export { composeAll } from './compose';
export { loadConfig } from './config';
export type { ConfigResult, StackConfig } from './config';
export { DEPARTMENTS } from './departments';
export { loadKeys } from './keys';
export type { StackKeys } from './keys';
export { postGraphQL, startStack } from './start-stack';
export type { GraphQLResponse, RunningStack, StackOptions } from './start-stack';
export { signToken } from './tokens';
