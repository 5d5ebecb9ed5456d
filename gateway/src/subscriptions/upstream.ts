// The gateway's subscriptions to its subgraphs: one stream per (subgraph, upstream operation,
// arguments), shared by every client subscribed to the same thing, signed as the gateway's own
// service identity, reconnected with backoff after any break and resumed from the last event
// (`Last-Event-ID`), closed when its last client leaves.
import { codedError, signCallerContext, CALLER_CONTEXT_HEADER, type Caller, type KeyMaterial } from '@liangling/schema';
import type { Logger } from 'pino';
import { readEvents } from './sse';

/** Who the gateway is to a subgraph's stream: a service, not any client. */
export const GATEWAY_SUBSCRIBER: Caller = { role: 'service', sub: 'gateway-subscriptions', regions: [], scopes: ['subscriptions:stream'] };

export interface UpstreamOptions {
  readonly callerKey: KeyMaterial;
  readonly logger: Logger;
  /** First wait before reconnecting; doubles up to `maxBackoffMs`. @default 200 */
  readonly backoffMs?: number;
  /** @default 5000 */
  readonly maxBackoffMs?: number;
}

/** What a subgraph said about one upstream event: the entity's key, or a refusal. */
export type UpstreamEvent =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'refused'; readonly errors: readonly { message: string; extensions?: Record<string, unknown> }[] };

type Listener = (event: UpstreamEvent) => void;

interface Stream {
  readonly listeners: Set<Listener>;
  readonly controller: AbortController;
  lastEventId?: string;
}

export class UpstreamStreams {
  readonly #streams = new Map<string, Stream>();
  readonly #options: UpstreamOptions;

  constructor(options: UpstreamOptions) {
    this.#options = options;
  }

  /** Open upstream streams (each shared by its listeners). */
  get size(): number {
    return this.#streams.size;
  }

  /** Listens to a subgraph's subscription; returns the function that stops listening. */
  listen(streamUrl: string, operation: { query: string; variables: Record<string, unknown> }, listener: Listener): () => void {
    const key = `${streamUrl}\n${operation.query}\n${JSON.stringify(operation.variables)}`;
    let stream = this.#streams.get(key);
    if (!stream) {
      stream = { listeners: new Set(), controller: new AbortController() };
      this.#streams.set(key, stream);
      void this.#run(streamUrl, operation, stream);
    }
    stream.listeners.add(listener);
    const opened = stream;
    return () => {
      opened.listeners.delete(listener);
      if (opened.listeners.size === 0 && this.#streams.get(key) === opened) {
        this.#streams.delete(key);
        opened.controller.abort();
      }
    };
  }

  close(): void {
    for (const stream of this.#streams.values()) stream.controller.abort();
    this.#streams.clear();
  }

  async #run(streamUrl: string, operation: { query: string; variables: Record<string, unknown> }, stream: Stream): Promise<void> {
    const { signal } = stream.controller;
    let backoff = this.#options.backoffMs ?? 200;
    while (!signal.aborted) {
      try {
        // Signed with the request it travels with (a fresh nonce on each reconnection).
        const body = JSON.stringify(operation);
        const response = await fetch(streamUrl, {
          method: 'POST',
          signal,
          headers: {
            'content-type': 'application/json',
            accept: 'text/event-stream',
            [CALLER_CONTEXT_HEADER]: signCallerContext(GATEWAY_SUBSCRIBER, this.#options.callerKey, { method: 'POST', body }),
            ...(stream.lastEventId ? { 'last-event-id': stream.lastEventId } : {}),
          },
          body,
        });
        if (!response.ok || !response.body) {
          // A refusal is final (the subgraph will refuse again); anything else is retried.
          if (response.status >= 400 && response.status < 500) {
            const body = (await response.json().catch(() => ({}))) as {
              errors?: { message: string; extensions?: Record<string, unknown> }[];
            };
            const errors = body.errors ?? [
              codedError('SUBGRAPH_UNAVAILABLE', `The subscription stream answered HTTP ${response.status}.`).toJSON(),
            ];
            for (const listener of stream.listeners)
              listener({ kind: 'refused', errors: errors as { message: string; extensions?: Record<string, unknown> }[] });
            return;
          }
          throw new Error(`HTTP ${response.status}`);
        }
        backoff = this.#options.backoffMs ?? 200;
        for await (const event of readEvents(response.body as unknown as AsyncIterable<Uint8Array>)) {
          if (event.event === 'complete') break;
          if (event.event !== 'next' || !event.id) continue;
          stream.lastEventId = event.id;
          for (const listener of stream.listeners) listener({ kind: 'key', key: event.id });
        }
      } catch (error) {
        if (signal.aborted) return;
        this.#options.logger.warn({ err: error, streamUrl }, 'subscription stream broke; reconnecting');
      }
      if (signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, backoff).unref());
      backoff = Math.min(backoff * 2, this.#options.maxBackoffMs ?? 5000);
    }
  }
}
