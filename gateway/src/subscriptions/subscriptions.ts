// Subscriptions through the gateway, which @apollo/gateway does not have. A client POSTs a
// subscription to `/graphql/stream` (the graphql-sse protocol, distinct-connections mode) and reads
// Server-Sent Events. The subgraph that owns the subscription field streams only entity keys, to the
// gateway's own service identity (one upstream stream shared by all clients with the same arguments);
// for every key and every client, the gateway runs the client's selection as a query — through its
// normal pipeline (contracts, limits, the privacy pre-check, the query planner, signed caller
// contexts, the departments' privacy and audit) with that client's caller — and sends what that query
// returns. A client never receives what the same query would not show it, and each delivery leaves
// the access record the query would.
import type { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ERRORS, codedError, isErrorCode, policiesOfSupergraph, type KeyMaterial } from '@liangling/schema';
import type { Request, RequestHandler, Response } from 'express';
import {
  GraphQLError,
  Kind,
  parse,
  validate,
  valueFromASTUntyped,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { Logger } from 'pino';
import type { Authenticated } from '../auth';
import type { GatewayContext, RequestRecord } from '../context';
import { refuse } from '../http/errors';
import { AudienceContracts } from '../plugins/privacy/contracts';
import type { SafelistMode } from '../plugins/trusted-documents-plugin';
import { sha256Hex } from '../trusted-documents';
import { EVENT_KEY_VARIABLE, planEvents, type EventPlan } from './event-query';
import { UpstreamStreams } from './upstream';

export interface SubscriptionsOptions {
  /** The supergraph: which subgraph owns each subscription field. */
  readonly supergraphSdl: string;
  /** Each subgraph's `/graphql` URL; its stream is `/graphql/stream` beside it. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly callerKey: KeyMaterial;
  readonly logger: Logger;
  /** The gateway's own trusted documents (the SDK's manifest) and who is held to them, as for queries. */
  readonly trustedDocuments?: { readonly documents: ReadonlyMap<string, string>; readonly safelist?: SafelistMode };
  /**
   * Documents apps publish at run time (`POST /apps/:app/documents`): a subscription among them is
   * trusted for the keys of its app, as its queries are, and its per-event query with it.
   */
  readonly published?: {
    /** The text of a published document, by hash. */
    get(hash: string): string | undefined;
    /** True when the app of the key published the document (or the SDK did). */
    mayRun(apiKeyId: string, hash: string): boolean;
  };
  /** Most clients subscribed at once; more are refused with RATE_LIMITED. @default 10000 */
  readonly maxSubscriptions?: number;
  /** Milliseconds between keep-alive comments to clients. @default 15000 */
  readonly heartbeatMs?: number;
  /**
   * Event queries run at once, for all clients together; the rest wait their turn. A thousand
   * subscribers of one event started together would time out at the subgraphs instead. @default 32
   */
  readonly eventConcurrency?: number;
}

export interface GatewaySubscriptions {
  /** Learns the API schema as it loads (add it to the server's plugins). */
  readonly plugin: ApolloServerPlugin<GatewayContext>;
  /**
   * The trusted documents with, for each trusted subscription, the query the gateway runs per event,
   * so that a client held to the safelist may subscribe with a trusted document. Filled in when the
   * schema loads; hand this map to the trusted-documents plugin.
   */
  readonly trustedDocuments: Map<string, string> | undefined;
  /** The `/graphql/stream` endpoint, after the gateway's request tracking, authentication and rate limit. */
  handler(server: ApolloServer<GatewayContext>): RequestHandler;
  /** Clients subscribed now, and upstream streams open. */
  stats(): { readonly subscribers: number; readonly upstreams: number };
  /** Ends every client's stream and every upstream one. */
  close(): void;
}

/** The owner of each Subscription field, from the supergraph's `@join__type`/`@join__field` on Subscription. */
export function subscriptionOwnersOf(supergraphSdl: string): Map<string, string> {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const name = value.directives
          ?.find((node) => node.name.value === 'join__graph')
          ?.arguments?.find((arg) => arg.name.value === 'name');
        if (name) graphNames.set(value.name.value, String(valueFromASTUntyped(name.value)));
      }
    }
  }
  const graphOf = (
    directives: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: never }[] }[] | undefined,
    directive: string,
  ) => {
    const node = directives?.find((each) => each.name.value === directive)?.arguments?.find((arg) => arg.name.value === 'graph');
    return node ? graphNames.get(String(valueFromASTUntyped(node.value))) : undefined;
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || definition.name.value !== 'Subscription') continue;
    const typeOwner = graphOf(definition.directives as never, 'join__type');
    for (const field of definition.fields ?? []) {
      const owner = graphOf(field.directives as never, 'join__field') ?? typeOwner;
      if (owner) owners.set(field.name.value, owner);
    }
  }
  return owners;
}

/** The HTTP status for errors that stop a subscription before it starts. */
function statusOf(errors: readonly GraphQLFormattedError[]): number {
  const code = errors[0]?.extensions?.['code'];
  if (code === 'FORBIDDEN' || code === 'FORBIDDEN_FIELD') return 403;
  const status = isErrorCode(code) ? ERRORS[code].status : 400;
  return status >= 400 ? status : 400;
}

export function createSubscriptions(options: SubscriptionsOptions): GatewaySubscriptions {
  const owners = subscriptionOwnersOf(options.supergraphSdl);
  const policies = policiesOfSupergraph(options.supergraphSdl);
  const upstreams = new UpstreamStreams({ callerKey: options.callerKey, logger: options.logger.child({ component: 'subscriptions' }) });
  const trustedDocuments = options.trustedDocuments || options.published ? new Map(options.trustedDocuments?.documents ?? []) : undefined;
  const safelist = options.trustedDocuments?.safelist ?? 'api-keys';
  const maxSubscriptions = options.maxSubscriptions ?? 10_000;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const contracts = new AudienceContracts();
  const open = new Map<Response, () => void>();
  // One execution per event for subscriptions of the very same caller (several tabs or devices of one
  // person) with the same document and variables; anyone else gets their own, decided and audited for them.
  const shared = new Map<string, Promise<Awaited<ReturnType<typeof runEvent>>>>();
  let apiSchema: GraphQLSchema | undefined;

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ apiSchema: schema }) {
          apiSchema = schema;
          contracts.load(schema, policies);
          if (!trustedDocuments) return;
          // A trusted subscription's per-event query is trusted with it (its text follows from the document).
          for (const text of [...(options.trustedDocuments?.documents.values() ?? [])]) {
            let document: DocumentNode;
            try {
              document = parse(text);
            } catch {
              continue;
            }
            if (
              !document.definitions.some(
                (definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'subscription',
              )
            )
              continue;
            const planned = validate(schema, document).length === 0 ? planEvents(schema, document, {}) : undefined;
            if (planned?.ok) trustedDocuments.set(sha256Hex(planned.plan.eventQuery), planned.plan.eventQuery);
          }
        },
      };
    },
  };

  let running = 0;
  const waiting: (() => void)[] = [];
  const concurrency = options.eventConcurrency ?? 32;
  /** Runs the client's selection for one entity, with the client's caller, through the whole pipeline. */
  const runEvent = async (server: ApolloServer<GatewayContext>, plan: EventPlan, key: string, context: GatewayContext) => {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      const response = await server.executeOperation(
        { query: plan.eventQuery, variables: { ...plan.eventVariables, [EVENT_KEY_VARIABLE]: key } },
        { contextValue: context },
      );
      if (response.body.kind !== 'single') throw new Error('incremental delivery is not used here');
      return response.body.singleResult;
    } finally {
      running--;
      waiting.shift()?.();
    }
  };

  const handler =
    (server: ApolloServer<GatewayContext>): RequestHandler =>
    (req: Request, res: Response) => {
      const record = res.locals['record'] as RequestRecord | undefined;
      void (async () => {
        if (res.locals['authError']) {
          const error = res.locals['authError'];
          return refuse(
            res,
            record,
            error instanceof GraphQLError ? error : codedError('UNAUTHENTICATED', 'The credentials are not valid.'),
          );
        }
        const authenticated = res.locals['auth'] as Authenticated;
        const caller = authenticated.caller;
        if (record) record.operationType = 'subscription';
        if (!apiSchema) return refuse(res, record, codedError('SUBGRAPH_UNAVAILABLE', 'The gateway has not loaded its schema yet.'));
        const body = (req.body ?? {}) as {
          query?: unknown;
          variables?: unknown;
          operationName?: unknown;
          extensions?: { persistedQuery?: { sha256Hash?: unknown } };
        };
        const hash = body.extensions?.persistedQuery?.sha256Hash;
        let text = typeof body.query === 'string' ? body.query : undefined;
        if (text === undefined && typeof hash === 'string') text = trustedDocuments?.get(hash) ?? options.published?.get(hash);
        if (text === undefined) {
          return refuse(
            res,
            record,
            typeof hash === 'string'
              ? codedError('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound')
              : codedError('BAD_REQUEST', 'A subscription needs a query (or the hash of a trusted one).'),
          );
        }
        const restricted = safelist === 'all' || (safelist === 'api-keys' && authenticated.apiKeyId !== undefined);
        const textHash = sha256Hex(text);
        // A key is held to its app's documents (the SDK's included); anyone else held to the safelist, to the trusted ones.
        const keyBound = authenticated.apiKeyId !== undefined && options.published !== undefined;
        const trusted = keyBound
          ? options.published!.mayRun(authenticated.apiKeyId!, textHash)
          : (trustedDocuments?.has(textHash) ?? false) || options.published?.get(textHash) !== undefined;
        if (restricted && !trusted) {
          return refuse(
            res,
            record,
            codedError(
              'OPERATION_NOT_ALLOWED',
              'This client may run only the trusted documents; send the hash of one (extensions.persistedQuery.sha256Hash).',
            ),
          );
        }
        let document: DocumentNode;
        try {
          document = parse(text);
        } catch (error) {
          return refuse(res, record, codedError('GRAPHQL_PARSE_FAILED', error instanceof Error ? error.message : String(error)));
        }
        // The caller's own schema (contract), as for a query: a field it may never know fails as unknown.
        const errors = validate(contracts.contractFor(caller), document);
        if (errors.length > 0)
          return refuse(res, record, codedError('GRAPHQL_VALIDATION_FAILED', errors.map((error) => error.message).join(' ')));
        const variables =
          body.variables && typeof body.variables === 'object' && !Array.isArray(body.variables)
            ? (body.variables as Record<string, unknown>)
            : {};
        const planned = planEvents(apiSchema, document, variables, typeof body.operationName === 'string' ? body.operationName : undefined);
        if (!planned.ok) return refuse(res, record, codedError('BAD_REQUEST', planned.message));
        const { plan } = planned;
        // A trusted subscription's per-event query is trusted with it, for the trusted-documents plugins.
        if (trusted) trustedDocuments?.set(sha256Hex(plan.eventQuery), plan.eventQuery);
        const owner = owners.get(plan.field);
        const subgraphUrl = owner ? options.subgraphUrls[owner] : undefined;
        if (!subgraphUrl) return refuse(res, record, codedError('BAD_REQUEST', `Subscription.${plan.field} has no subgraph serving it.`));
        if (open.size >= maxSubscriptions) {
          res.setHeader('retry-after', '30');
          return refuse(
            res,
            record,
            codedError('RATE_LIMITED', 'The gateway serves as many subscriptions as it can; try again later.', { retryAfter: 30 }),
          );
        }

        let events = 0;
        const sharing = JSON.stringify([plan.eventQuery, plan.eventVariables, caller, authenticated.apiKeyId ?? null]);
        const contextFor = (suffix: string): GatewayContext => ({
          caller,
          requestId: `${record?.requestId ?? 'subscription'}:${suffix}`,
          record: {
            requestId: `${record?.requestId ?? 'subscription'}:${suffix}`,
            startedAt: process.hrtime.bigint(),
            errorCodes: [],
            deniedFields: [],
            operations: 1,
            role: caller.role,
          },
          ...(authenticated.apiKeyId ? { apiKeyId: authenticated.apiKeyId } : {}),
        });
        // Before anything is subscribed: the per-event query, for a key that names nothing, through the
        // whole pipeline. Whatever a query would refuse (limits, a field never visible, the safelist) is
        // refused here, with the query's codes.
        const probe = await runEvent(server, plan, '__probe__', contextFor('probe'));
        if (probe.errors?.length) {
          record?.errorCodes.push(...probe.errors.map((error) => String(error.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR')));
          return void res.status(statusOf(probe.errors)).json({ errors: probe.errors });
        }

        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.flushHeaders();
        let delivering: Promise<void> = Promise.resolve();
        let closed = false;
        const heartbeat = setInterval(() => res.write(':\n\n'), heartbeatMs);
        heartbeat.unref();
        // A stream lives no longer than the token it was opened with: then it ends, saying why.
        const expiry =
          authenticated.expiresAt !== undefined
            ? setTimeout(() => endExpired(), Math.max(0, authenticated.expiresAt - Date.now()))
            : undefined;
        expiry?.unref();
        const stop = () => {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          clearTimeout(expiry);
          unlisten();
          open.delete(res);
        };
        const send = (event: 'next' | 'complete', payload?: unknown) => {
          if (!closed) res.write(`event: ${event}\ndata: ${payload === undefined ? '' : JSON.stringify(payload)}\n\n`);
        };
        const endExpired = () => {
          record?.errorCodes.push('UNAUTHENTICATED');
          send('next', {
            errors: [{ message: 'The token has expired: subscribe again with a new one.', extensions: { code: 'UNAUTHENTICATED' } }],
          });
          send('complete');
          stop();
          res.end();
        };
        const unlisten = upstreams.listen(subgraphUrl.replace(/\/graphql\/?$/, '/graphql/stream'), plan.upstream, (event) => {
          if (event.kind === 'refused') {
            send('next', { errors: event.errors });
            send('complete');
            stop();
            res.end();
            return;
          }
          // One event after another for each client, in the order the subgraph raised them.
          delivering = delivering.then(async () => {
            if (closed) return;
            try {
              const key = `${event.key}\n${sharing}`;
              let execution = shared.get(key);
              if (!execution) {
                execution = runEvent(server, plan, event.key, contextFor(String(++events)));
                shared.set(key, execution);
                // Kept while subscribers of the same event read it, then forgotten.
                void execution.finally(() => setTimeout(() => shared.delete(key), 1000).unref()).catch(() => undefined);
              }
              const result = await execution;
              const value = result.data?.[plan.responseKey];
              // Nothing the client may see about this entity (null, with or without a denial): nothing is
              // sent, not even that something happened.
              if (value === null || value === undefined) return;
              send('next', { data: result.data ?? null, ...(result.errors?.length ? { errors: result.errors } : {}) });
            } catch (error) {
              options.logger.error({ err: error }, 'subscription event failed');
            }
          });
        });
        open.set(res, () => {
          send('complete');
          stop();
          res.end();
        });
        // A dropped connection frees everything it held (the response's close: the request's fires once its body is read).
        res.on('close', stop);
      })().catch((error: unknown) => {
        options.logger.error({ err: error }, 'subscription failed');
        if (!res.headersSent) refuse(res, record, codedError('INTERNAL_SERVER_ERROR', 'Unexpected error.'));
        else res.end();
      });
    };

  return {
    plugin,
    trustedDocuments,
    handler,
    stats: () => ({ subscribers: open.size, upstreams: upstreams.size }),
    close: () => {
      for (const end of [...open.values()]) end();
      upstreams.close();
    },
  };
}
