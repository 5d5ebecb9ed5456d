import { CALLER_CONTEXT_HEADER, signCallerContext, type KeyMaterial } from '@liangling/schema';
import type { AccessRecordInput, AuditSink } from './record';

export interface HttpAuditSinkOptions {
  /** The audit subgraph's records endpoint, e.g. `http://127.0.0.1:4007/records`, or where to find it once it is up. */
  readonly url: string | (() => string | undefined);
  /** The department writing, as the audit service will see it. */
  readonly subgraph: string;
  readonly callerKey: KeyMaterial;
  /** @default 3000 */
  readonly timeoutMs?: number;
}

/** Sends a request's access records to the audit subgraph in one call, signed as a service. */
export function httpAuditSink(options: HttpAuditSinkOptions): AuditSink {
  return {
    async write(records: readonly AccessRecordInput[]): Promise<void> {
      const url = typeof options.url === 'function' ? options.url() : options.url;
      if (!url) throw new Error('the audit service is not started');
      const body = JSON.stringify({ records });
      const context = signCallerContext({ role: 'service', sub: `subgraph:${options.subgraph}`, regions: [] }, options.callerKey, {
        method: 'POST',
        body,
      });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CALLER_CONTEXT_HEADER]: context },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
      });
      if (!response.ok) throw new Error(`audit service answered ${response.status}`);
    },
  };
}
