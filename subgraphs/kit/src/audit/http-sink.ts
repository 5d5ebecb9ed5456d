import { CALLER_CONTEXT_HEADER, signCallerContext, type KeyMaterial } from '@liangling/schema';
import { groupedCalls } from '../grouped-calls';
import type { AccessRecordInput, AuditSink } from './record';

/** Records in one POST at most (the audit intake takes 1,000). */
const RECORDS_PER_CALL = 500;
/** Records waiting to be sent, beyond which a write is refused at once (its reveals are masked). */
const QUEUE_LIMIT = 20_000;

export interface HttpAuditSinkOptions {
  /** The audit subgraph's records endpoint, e.g. `http://127.0.0.1:4007/records`, or where to find it once it is up. */
  readonly url: string | (() => string | undefined);
  /** The department writing, as the audit service will see it. */
  readonly subgraph: string;
  readonly callerKey: KeyMaterial;
  /** @default 3000 */
  readonly timeoutMs?: number;
}

/**
 * Sends access records to the audit subgraph, signed as a service: the records of requests that finish
 * while a call is in flight go together in the next one (one POST, one signature, one transaction at
 * the audit service for many requests), so under load the calls do not grow with the requests.
 */
export function httpAuditSink(options: HttpAuditSinkOptions): AuditSink {
  const calls = groupedCalls(send, {
    maxPerCall: RECORDS_PER_CALL,
    queueLimit: QUEUE_LIMIT,
    full: (limit) => new Error(`${options.subgraph}'s access records waiting for the audit service passed ${limit}`),
  });
  return { write: (records) => calls.add(records) };

  async function send(records: readonly AccessRecordInput[]): Promise<void> {
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
  }
}
