import type { Caller } from '@liangling/schema';
import type { RevealLog } from './audit/reveal-log';

/** What every resolver of a department receives, built afresh for each request. */
export interface DepartmentContext<Db = unknown, Loaders = unknown> {
  /** The caller the gateway verified and signed for this request. */
  readonly caller: Caller;
  readonly db: Db;
  /** DataLoaders for this request only, so no caller ever sees another's cached rows. */
  readonly loaders: Loaders;
  /** The gateway's own request id, for logs and access records. */
  readonly requestId: string;
  /** The client's `x-request-id`, when it sent one: recorded beside the request id as a correlation hint. */
  readonly correlationId?: string;
  /** What this request revealed of PERSONAL data or above, to be recorded before the response leaves. */
  readonly reveals: RevealLog;
  /** How many submissions of one kind (repair requests, petitions, opinions) a resident may make in 24 hours: `checkDailySubmissions`. */
  readonly submissionsPerDay: number;
  /** The time now, from the server's clock: departments with deadlines read it here so tests can set it. */
  now(): Date;
  /** On a subscription stream (`/graphql/stream`) resumed after a break: the id of the last event the gateway received. */
  readonly lastEventId?: string;
  /**
   * Calls another department's HTTP route (not its graph) signed as this department's service, e.g.
   * residents asking enforcement which of its cases name a party; rejects when that department is not reachable.
   */
  peer?(department: string, route: string, body: unknown): Promise<unknown>;
}
