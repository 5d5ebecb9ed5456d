import type { Caller } from '@liangling/schema';

/**
 * One access record: who saw which fields of which rows of one type, for what declared purpose, in
 * which request. Values are never recorded, only that they were revealed.
 */
export interface AccessRecordInput {
  readonly at: string;
  readonly requestId: string;
  readonly subgraph: string;
  readonly actor: Caller;
  readonly typeName: string;
  readonly fields: readonly string[];
  readonly entityIds: readonly string[];
  readonly subjectIds: readonly string[];
  /** How the fact was learned, when not by reading the field (`alert`); storing it is the audit department's. */
  readonly means?: string;
}

/** Where access records go. `write` resolves once they are durable, and rejects otherwise. */
export interface AuditSink {
  write(records: readonly AccessRecordInput[]): Promise<void>;
}
