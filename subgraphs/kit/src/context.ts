import type { Caller } from '@liangling/schema';

/** What every resolver of a department receives, built afresh for each request. */
export interface DepartmentContext<Db = unknown, Loaders = unknown> {
  /** The caller the gateway verified and signed for this request. */
  readonly caller: Caller;
  readonly db: Db;
  /** DataLoaders for this request only, so no caller ever sees another's cached rows. */
  readonly loaders: Loaders;
  /** The gateway's request id, for logs. */
  readonly requestId: string;
}
