import { readFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from '@liangling/schema';
import type { RunningStack } from '@liangling/stack';
import { startGateway, type GatewayOptions, type RunningGateway } from '../../src/gateway';

/** A second gateway in front of a test stack's subgraphs, with `options` beside the stack's keys. */
export function gatewayOverStack(stack: RunningStack, options: Partial<GatewayOptions> = {}): Promise<RunningGateway> {
  return startGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    auth: { secret: stack.keys.jwtSecret },
    callerKey: stack.keys.callerKey,
    subgraphUrls: stack.subgraphs,
    port: 0,
    logger: 'silent',
    ...options,
  });
}
