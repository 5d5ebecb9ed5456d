import type { Caller } from '@liangling/schema';

/** Per-request state of the gateway. */
export interface GatewayContext {
  readonly caller: Caller;
  readonly requestId: string;
  /** The caller context signed for the subgraphs, made once per request. */
  callerContext?: Promise<string>;
}
