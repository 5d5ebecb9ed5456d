export { authenticate } from './auth';
export type { AuthOptions } from './auth';
export type { GatewayContext } from './context';
export { startGateway } from './gateway';
export type { GatewayOptions, RunningGateway } from './gateway';
export { checkSubgraphs } from './health';
export type { HealthReport } from './health';
export { subgraphsOf } from './supergraph';
export type { SubgraphEndpoint } from './supergraph';
