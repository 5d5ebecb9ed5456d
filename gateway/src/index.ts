// The gateway's public surface: what the stack, the bench and the SDK's tests import, and what a
// deployer needs to run the gateway from code. Everything else is reached by its file.
export { startGateway } from './gateway';
export type { GatewayOptions, RunningGateway } from './gateway';
export {
  GATEWAY_OPERATIONS_VARIABLES,
  GATEWAY_VARIABLES,
  loadGatewayConfig,
  loadGatewayOperations,
  productionSecretErrors,
} from './config';
export type { GatewayOperations } from './config';
export { hashApiKey } from './api-keys';
export type { ApiKeyEntry } from './api-keys';
export { loadTrustedDocuments } from './trusted-documents';
export { DEFAULT_ROTATION_GRACE_MS, isKeyLive } from './gateway-store';
export type { GatewayStore, PublishedDocument, StoredKey } from './gateway-store';
export { openGatewayStore } from './store/open-store';
