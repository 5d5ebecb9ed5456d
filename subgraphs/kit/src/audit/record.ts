import type { Caller } from '@liangling/schema';

/**
 * How a fact was learned: a field read, a link followed (an entity reference, a list of someone's
 * records), a row found by filtering or searching on a field, or a derived record (an alert).
 */
export type RevealMeans = 'read' | 'link' | 'filter' | 'search' | 'alert';

/**
 * One access record: who saw which fields of which rows of one type, for what declared purpose, in
 * which request. Values are never recorded, only that they were revealed.
 */
export interface AccessRecordInput {
  readonly at: string;
  /** The gateway's own id of the request (never one a client chose). */
  readonly requestId: string;
  /** The client's `x-request-id`, when it sent one: a hint to correlate with its logs, nothing more. */
  readonly correlationId?: string;
  readonly subgraph: string;
  readonly actor: Caller;
  readonly typeName: string;
  /** How the fields were learned: read, followed as a link, or used to filter or search. */
  readonly means: RevealMeans;
  readonly fields: readonly string[];
  readonly entityIds: readonly string[];
  readonly subjectIds: readonly string[];
}

/** Where access records go. `write` resolves once they are durable, and rejects otherwise. */
export interface AuditSink {
  write(records: readonly AccessRecordInput[]): Promise<void>;
}
