import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { NetworkError, RateLimitedError, fromGraphQLError, responseError, type GraphQLErrorPayload, type LianglingError } from './errors';
import { persistedMetaOf } from './persisted';

/** Header carrying the declared purpose of the processing (PIPL Art. 6). */
export const PURPOSE_HEADER = 'x-liangling-purpose';
/** Header carrying a third-party app's or a partner's API key. */
export const API_KEY_HEADER = 'x-api-key';

/** When and how often the client tries a request again. */
export interface RetryOptions {
  /** Attempts after the first. @default 3 */
  readonly retries?: number | undefined;
  /** Upper bound of the first wait; each retry doubles it (full jitter: a random wait up to the bound). @default 250 */
  readonly baseDelayMs?: number | undefined;
  /** Cap of the bound. @default 8000 */
  readonly maxDelayMs?: number | undefined;
  /**
   * Longest wait, in seconds, the client accepts from a RATE_LIMITED answer before retrying by
   * itself; a longer one is thrown as `RateLimitedError` for the app to schedule. @default 30
   */
  readonly maxRetryAfter?: number | undefined;
}

export interface ClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `https://graph.example.gov.cn/graphql`. */
  readonly url: string;
  /** The caller's token, sent as `Authorization: Bearer …`. Without one (and without `getToken` or `apiKey`) the caller is anonymous. */
  readonly token?: string | undefined;
  /** Called before every request, for tokens that are refreshed (a host app's token provider); wins over `token`. */
  readonly getToken?: (() => string | undefined | null | Promise<string | undefined | null>) | undefined;
  /** A third-party app's or partner's API key, sent as `x-api-key`. */
  readonly apiKey?: string | undefined;
  /**
   * Why the app processes the data (a purpose code such as `care-visit`), sent with every request
   * as `x-liangling-purpose`; a request may name its own.
   */
  readonly purpose?: string | undefined;
  /** The fetch to use (tests, proxies, older runtimes). @default globalThis.fetch */
  readonly fetch?: typeof fetch | undefined;
  /** Extra headers for every request. @default {} */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Retries with exponential backoff and jitter, for queries and for mutations whose variables carry
   * an idempotency key (`clientKey`, at any depth) — never for other mutations, which could run twice.
   * Retried: no answer at all, HTTP 502/503/504, and RATE_LIMITED (after the wait it asks for).
   * `false` turns retries off. @default { retries: 3, baseDelayMs: 250, maxDelayMs: 8000, maxRetryAfter: 30 }
   */
  readonly retry?: RetryOptions | false | undefined;
  /**
   * Send a generated operation's SHA-256 instead of its text (Apollo persisted-query format), and the
   * text only when the gateway answers PERSISTED_QUERY_NOT_FOUND. @default true
   */
  readonly persistedDocuments?: boolean | undefined;
}

export interface RequestOptions {
  /** Overrides the client's purpose for this request. */
  readonly purpose?: string | undefined;
  /** Cancels the request, and any wait before a retry. */
  readonly signal?: AbortSignal | undefined;
}

/** Both halves of a response: what could be read, and why the rest could not. */
export interface RequestResult<TResult> {
  /** `null` when nothing could be read (the request was refused, or never answered). */
  readonly data: TResult | null;
  /** One typed error per GraphQL error; empty when the whole result is there. */
  readonly errors: readonly LianglingError[];
}

/** Variables may be left out when the operation has none that are required. */
export type VariablesArgs<TVariables> =
  Record<string, never> extends TVariables
    ? [variables?: TVariables, options?: RequestOptions]
    : [variables: TVariables, options?: RequestOptions];

export interface LianglingClient {
  /**
   * Runs an operation and resolves with its data; rejects with a typed error if the response has
   * any error (a `PrivacyDeniedError` still carries the partial `data`).
   */
  request<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, ...args: VariablesArgs<TVariables>): Promise<TResult>;
  /**
   * Runs an operation and resolves with whatever came back, never rejecting: use it to show the
   * fields a caller may see beside those it may not (denied fields are `null`, each with its error).
   */
  requestWithErrors<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...args: VariablesArgs<TVariables>
  ): Promise<RequestResult<TResult>>;
  /**
   * Subscribes (GraphQL over Server-Sent Events, the graphql-sse protocol's distinct-connections
   * mode, at the gateway's `/graphql/stream`): iterate it for one result per event, each what the
   * same query would show this caller (denied fields `null`, each with its error). A subscription the
   * caller may not make throws its typed error from the first `next()`, before anything is subscribed;
   * `close()` (or `options.signal`) ends it and frees the connection.
   */
  subscribe<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...args: VariablesArgs<TVariables>
  ): LianglingSubscription<TResult>;
}

/** A live subscription: an async iterable of results. */
export interface LianglingSubscription<TResult> extends AsyncIterable<RequestResult<TResult>> {
  /** Resolves once the gateway accepted the subscription; rejects with its typed error if it refused. */
  readonly ready: Promise<void>;
  /** Ends the subscription and closes its connection. */
  close(): void;
}

interface RawResponse {
  readonly status: number;
  readonly data: unknown;
  readonly errors: readonly GraphQLErrorPayload[];
  /** Seconds, from a `Retry-After` header. */
  readonly retryAfter: number | undefined;
}

const DEFAULT_RETRY: Required<RetryOptions> = { retries: 3, baseDelayMs: 250, maxDelayMs: 8000, maxRetryAfter: 30 };
const RETRIED_STATUSES = new Set([502, 503, 504]);

/** A client for the Liangling graph. Runs anywhere with a `fetch`: browsers, Node 18+, workers. */
export function createClient(options: ClientOptions): LianglingClient {
  const retry = options.retry === false ? { ...DEFAULT_RETRY, retries: 0 } : { ...DEFAULT_RETRY, ...definedOnly(options.retry ?? {}) };
  // Turned off for good once the gateway says it takes no hashes at all.
  let sendHashes = options.persistedDocuments ?? true;

  /** A request's headers: the app's own, then what it accepts, the caller's credentials and the purpose. */
  const headersOf = async (accept: string, purpose: string | undefined): Promise<Record<string, string>> => {
    const token = options.getToken ? await options.getToken() : options.token;
    return {
      ...options.headers,
      'content-type': 'application/json',
      accept,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.apiKey ? { [API_KEY_HEADER]: options.apiKey } : {}),
      // Header values must be Latin-1; a purpose code passes unchanged, anything else percent-encoded.
      ...(purpose ? { [PURPOSE_HEADER]: encodeURIComponent(purpose) } : {}),
    };
  };

  const post = async (body: Record<string, unknown>, requestOptions: RequestOptions): Promise<RawResponse | NetworkError> => {
    const headers = await headersOf('application/graphql-response+json, application/json', requestOptions.purpose ?? options.purpose);
    let response: Response;
    try {
      response = await (options.fetch ?? globalThis.fetch)(options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: requestOptions.signal ?? null,
      });
    } catch (error) {
      return new NetworkError(`Could not reach ${options.url}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    const text = await response.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return new NetworkError(`${options.url} answered HTTP ${response.status} with a body that is not JSON.`, { status: response.status });
    }
    if (!isGraphQLResponse(parsed)) {
      return new NetworkError(`${options.url} answered HTTP ${response.status} with JSON that is not a GraphQL response.`, {
        status: response.status,
      });
    }
    return { status: response.status, data: parsed.data ?? null, errors: parsed.errors ?? [], retryAfter };
  };

  /** One attempt: the hash first when there is one, the text when the gateway does not know it. */
  const attempt = async (
    document: DocumentNode,
    variables: unknown,
    requestOptions: RequestOptions,
  ): Promise<RawResponse | NetworkError> => {
    const meta = persistedMetaOf(document);
    const base = { operationName: operationOf(document)?.name?.value, variables: variables ?? {} };
    if (meta && sendHashes) {
      const extensions = { persistedQuery: { version: 1, sha256Hash: meta.hash } };
      const hashed = await post({ ...base, extensions }, requestOptions);
      if (hashed instanceof NetworkError) return hashed;
      const refusal = persistedRefusal(hashed.errors);
      if (!refusal) return hashed;
      if (refusal === 'PERSISTED_QUERY_NOT_SUPPORTED') sendHashes = false;
      // The gateway ran nothing: sending the text now is safe for a mutation too. With the hash
      // beside it, a gateway with automatic persisted queries remembers it for the next time (only
      // when the text is the one hashed: an app's document printed here may differ in layout).
      if (meta.query === undefined) return post({ ...base, query: printed(document) }, requestOptions);
      return post(
        refusal === 'PERSISTED_QUERY_NOT_FOUND' ? { ...base, query: meta.query, extensions } : { ...base, query: meta.query },
        requestOptions,
      );
    }
    return post({ ...base, query: meta?.query ?? printed(document) }, requestOptions);
  };

  const send = async (
    document: DocumentNode,
    variables: unknown,
    requestOptions: RequestOptions = {},
  ): Promise<RawResponse | NetworkError> => {
    const retriable = mayRetry(operationOf(document)?.operation, variables);
    for (let attemptNumber = 0; ; attemptNumber += 1) {
      const response = await attempt(document, variables, requestOptions);
      if (!retriable || attemptNumber >= retry.retries || requestOptions.signal?.aborted) return response;
      const backoff = Math.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attemptNumber);
      let waitMs: number;
      if (response instanceof NetworkError) {
        // A gateway that is restarting answers 502/503 with a page, not GraphQL.
        if (response.status !== undefined && !RETRIED_STATUSES.has(response.status)) return response;
        waitMs = backoff;
      } else if (isRateLimited(response)) {
        const retryAfter = retryAfterOf(response);
        if (retryAfter !== undefined && retryAfter > retry.maxRetryAfter) return response;
        waitMs = Math.max(backoff, (retryAfter ?? 0) * 1000);
      } else if (RETRIED_STATUSES.has(response.status) && response.data === null) {
        waitMs = backoff;
      } else {
        return response;
      }
      await sleep(waitMs, requestOptions.signal);
    }
  };

  const toErrors = (response: RawResponse): LianglingError[] =>
    response.errors.map((error) => withRetryAfter(fromGraphQLError(error, { status: response.status }), response));

  /** Opens the event stream; the hash first when there is one, the text when the gateway does not know it. */
  const openStream = async (document: DocumentNode, variables: unknown, signal: AbortSignal): Promise<Response> => {
    const headers = await headersOf('text/event-stream', options.purpose);
    const url = `${options.url.replace(/\/+$/, '')}/stream`;
    const meta = persistedMetaOf(document);
    const base = { operationName: operationOf(document)?.name?.value, variables: variables ?? {} };
    // The hash first; the text when the gateway does not know it (an app's document carries only its hash: printed here).
    const text = meta?.query ?? printed(document);
    const bodies =
      meta && sendHashes
        ? [
            { ...base, extensions: { persistedQuery: { version: 1, sha256Hash: meta.hash } } },
            { ...base, query: text },
          ]
        : [{ ...base, query: text }];
    for (const [index, body] of bodies.entries()) {
      let response: Response;
      try {
        response = await (options.fetch ?? globalThis.fetch)(url, { method: 'POST', headers, body: JSON.stringify(body), signal });
      } catch (error) {
        throw new NetworkError(`Could not reach ${url}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream') && response.body) return response;
      const parsed = (await response.json().catch(() => undefined)) as { errors?: GraphQLErrorPayload[] } | undefined;
      const errors = parsed?.errors ?? [];
      if (index < bodies.length - 1 && persistedRefusal(errors) === 'PERSISTED_QUERY_NOT_FOUND') continue;
      if (errors.length > 0) throw responseError(errors, { status: response.status });
      throw new NetworkError(`${url} answered HTTP ${response.status} without an event stream.`, { status: response.status });
    }
    throw new NetworkError(`${url} did not open an event stream.`);
  };

  const subscribe = (document: DocumentNode, variables?: unknown, requestOptions: RequestOptions = {}): LianglingSubscription<unknown> => {
    const controller = new AbortController();
    requestOptions.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    const opened = openStream(document, variables, controller.signal);
    // `ready` is for those who wait on it; an unobserved refusal still reaches the iterator.
    const ready = opened.then(() => undefined);
    ready.catch(() => undefined);
    async function* results(): AsyncGenerator<RequestResult<unknown>> {
      const response = await opened;
      try {
        for await (const event of readServerSentEvents(response.body!, controller.signal)) {
          if (event.event === 'complete') return;
          if (event.event !== 'next') continue;
          const payload = JSON.parse(event.data) as { data?: unknown; errors?: GraphQLErrorPayload[] };
          yield {
            data: payload.data ?? null,
            errors: (payload.errors ?? []).map((error) => fromGraphQLError(error, { status: response.status })),
          };
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        throw new NetworkError(`The subscription's stream broke: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      } finally {
        controller.abort();
      }
    }
    return { ready, close: () => controller.abort(), [Symbol.asyncIterator]: () => results() };
  };

  return {
    subscribe,
    async request(document: DocumentNode, variables?: unknown, requestOptions?: RequestOptions) {
      const response = await send(document, variables, requestOptions);
      if (response instanceof NetworkError) throw response;
      if (response.errors.length > 0)
        throw withRetryAfter(responseError(response.errors, { status: response.status, data: response.data }), response);
      if (response.data === null) throw new NetworkError('The response has neither data nor errors.', { status: response.status });
      return response.data;
    },
    async requestWithErrors(document: DocumentNode, variables?: unknown, requestOptions?: RequestOptions) {
      const response = await send(document, variables, requestOptions);
      if (response instanceof NetworkError) return { data: null, errors: [response] };
      return { data: response.data, errors: toErrors(response) };
    },
  } as LianglingClient;
}

/**
 * Whether an operation may be sent again after a failure that may have reached the server: a query
 * always; a mutation only with an idempotency key (`clientKey`) somewhere in its variables, which the
 * graph uses to return the first result instead of acting twice.
 */
export function mayRetry(operation: 'query' | 'mutation' | 'subscription' | undefined, variables: unknown): boolean {
  if (operation === 'query') return true;
  if (operation === 'mutation') return hasClientKey(variables);
  return false;
}

function hasClientKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasClientKey);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, inner]) =>
    key === 'clientKey' ? typeof inner === 'string' && inner.length > 0 : hasClientKey(inner),
  );
}

function persistedRefusal(
  errors: readonly GraphQLErrorPayload[],
): 'PERSISTED_QUERY_NOT_FOUND' | 'PERSISTED_QUERY_NOT_SUPPORTED' | undefined {
  for (const error of errors) {
    const code = error.extensions?.['code'];
    if (code === 'PERSISTED_QUERY_NOT_FOUND' || error.message === 'PersistedQueryNotFound') return 'PERSISTED_QUERY_NOT_FOUND';
    if (code === 'PERSISTED_QUERY_NOT_SUPPORTED' || error.message === 'PersistedQueryNotSupported') return 'PERSISTED_QUERY_NOT_SUPPORTED';
  }
  return undefined;
}

function isRateLimited(response: RawResponse): boolean {
  return response.status === 429 || response.errors.some((error) => error.extensions?.['code'] === 'RATE_LIMITED');
}

/** Seconds to wait, from the error's `extensions.retryAfter`, else the `Retry-After` header. */
function retryAfterOf(response: RawResponse): number | undefined {
  for (const error of response.errors) {
    const seconds = Number(error.extensions?.['retryAfter']);
    if (error.extensions?.['retryAfter'] !== undefined && Number.isFinite(seconds) && seconds >= 0) return seconds;
  }
  return response.retryAfter;
}

function withRetryAfter(error: LianglingError, response: RawResponse): LianglingError {
  if (error instanceof RateLimitedError && error.retryAfter === undefined && response.retryAfter !== undefined) {
    return new RateLimitedError(error.message, {
      path: error.path,
      extensions: error.extensions,
      status: error.status,
      data: error.data,
      errors: error.errors,
      retryAfter: response.retryAfter,
    });
  }
  return error;
}

/** `Retry-After`: seconds, or an HTTP date. */
function parseRetryAfter(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as Partial<T>;
}

// Documents are module constants; printing each once is enough.
const printedDocuments = new WeakMap<DocumentNode, string>();
function printed(document: DocumentNode): string {
  let text = printedDocuments.get(document);
  if (text === undefined) printedDocuments.set(document, (text = print(document)));
  return text;
}

function operationOf(document: DocumentNode) {
  for (const definition of document.definitions) {
    if (definition.kind === 'OperationDefinition') return definition;
  }
  return undefined;
}

function isGraphQLResponse(value: unknown): value is { data?: unknown; errors?: GraphQLErrorPayload[] } {
  if (typeof value !== 'object' || value === null) return false;
  const { data, errors } = value as { data?: unknown; errors?: unknown };
  return (errors === undefined || Array.isArray(errors)) && (data !== undefined || Array.isArray(errors));
}

/** The events of a text/event-stream body (`event`, `data` and `id` lines; `:` comments skipped). */
async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
): AsyncGenerator<{ event: string; data: string }> {
  const reader = body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  const decoder = new TextDecoder();
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line === '') {
          if (data.length > 0 || event !== 'message') yield { event, data: data.join('\n') };
          event = 'message';
          data = [];
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const name = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (name === 'event') event = text;
          else if (name === 'data') data.push(text);
        }
      }
    }
  } finally {
    signal.removeEventListener('abort', stop);
    reader.releaseLock();
  }
}
