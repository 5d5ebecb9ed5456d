import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { NetworkError, fromGraphQLError, responseError, type GraphQLErrorPayload, type LianglingError } from './errors';

/** Header carrying the declared purpose of the processing (PIPL Art. 6). */
export const PURPOSE_HEADER = 'x-liangling-purpose';

export interface ClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `https://graph.example.gov.cn/graphql`. */
  readonly url: string;
  /** The caller's token, sent as `Authorization: Bearer …`. Without one (and without `getToken`) the caller is anonymous. */
  readonly token?: string | undefined;
  /** Called before every request, for tokens that are refreshed; wins over `token`. */
  readonly getToken?: (() => string | undefined | Promise<string | undefined>) | undefined;
  /**
   * Why the app processes the data (a purpose code such as `care-visit`), sent with every request
   * as `x-liangling-purpose`; a request may name its own.
   */
  readonly purpose?: string | undefined;
  /** The fetch to use (tests, proxies, older runtimes). @default globalThis.fetch */
  readonly fetch?: typeof fetch | undefined;
  /** Extra headers for every request. @default {} */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

export interface RequestOptions {
  /** Overrides the client's purpose for this request. */
  readonly purpose?: string | undefined;
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
type VariablesArgs<TVariables> = Record<string, never> extends TVariables
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
  requestWithErrors<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, ...args: VariablesArgs<TVariables>): Promise<RequestResult<TResult>>;
}

interface RawResponse {
  readonly status: number;
  readonly data: unknown;
  readonly errors: readonly GraphQLErrorPayload[];
}

/** A client for the Liangling graph. Runs anywhere with a `fetch`: browsers, Node 18+, workers. */
export function createClient(options: ClientOptions): LianglingClient {
  const send = async (document: DocumentNode, variables: unknown, requestOptions: RequestOptions = {}): Promise<RawResponse | NetworkError> => {
    const token = options.getToken ? await options.getToken() : options.token;
    const purpose = requestOptions.purpose ?? options.purpose;
    const headers: Record<string, string> = {
      ...options.headers,
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      // Header values must be Latin-1; a purpose code passes unchanged, anything else percent-encoded.
      ...(purpose ? { [PURPOSE_HEADER]: encodeURIComponent(purpose) } : {}),
    };
    const body = JSON.stringify({ query: printed(document), operationName: operationNameOf(document), variables: variables ?? {} });
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(options.url, { method: 'POST', headers, body, signal: requestOptions.signal ?? null });
    } catch (error) {
      return new NetworkError(`Could not reach ${options.url}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return new NetworkError(`${options.url} answered HTTP ${response.status} with a body that is not JSON.`, { status: response.status });
    }
    if (!isGraphQLResponse(parsed)) {
      return new NetworkError(`${options.url} answered HTTP ${response.status} with JSON that is not a GraphQL response.`, { status: response.status });
    }
    return { status: response.status, data: parsed.data ?? null, errors: parsed.errors ?? [] };
  };

  return {
    async request(document: DocumentNode, variables?: unknown, requestOptions?: RequestOptions) {
      const response = await send(document, variables, requestOptions);
      if (response instanceof NetworkError) throw response;
      if (response.errors.length > 0) throw responseError(response.errors, { status: response.status, data: response.data });
      if (response.data === null) throw new NetworkError('The response has neither data nor errors.', { status: response.status });
      return response.data;
    },
    async requestWithErrors(document: DocumentNode, variables?: unknown, requestOptions?: RequestOptions) {
      const response = await send(document, variables, requestOptions);
      if (response instanceof NetworkError) return { data: null, errors: [response] };
      return { data: response.data, errors: response.errors.map((error) => fromGraphQLError(error, { status: response.status })) };
    },
  } as LianglingClient;
}

// Documents are module constants; printing each once is enough.
const printedDocuments = new WeakMap<DocumentNode, string>();
function printed(document: DocumentNode): string {
  let text = printedDocuments.get(document);
  if (text === undefined) printedDocuments.set(document, (text = print(document)));
  return text;
}

function operationNameOf(document: DocumentNode): string | undefined {
  for (const definition of document.definitions) {
    if (definition.kind === 'OperationDefinition') return definition.name?.value;
  }
  return undefined;
}

function isGraphQLResponse(value: unknown): value is { data?: unknown; errors?: GraphQLErrorPayload[] } {
  if (typeof value !== 'object' || value === null) return false;
  const { data, errors } = value as { data?: unknown; errors?: unknown };
  return (errors === undefined || Array.isArray(errors)) && (data !== undefined || Array.isArray(errors));
}
