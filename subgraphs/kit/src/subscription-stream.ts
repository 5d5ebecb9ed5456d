// `/graphql/stream`: a department's subscriptions, for the gateway only, over Server-Sent Events (the
// graphql-sse protocol's distinct-connections mode: POST the operation, read `next` events until
// `complete`). Each event's SSE id is the id of the entity it is about, so that a stream resumed with
// `Last-Event-ID` (after a restart of either side) can pick up where it stopped.
import { randomUUID } from 'node:crypto';
import {
  CALLER_CONTEXT_HEADER,
  codedError,
  maskUnexpectedErrors,
  verifyCallerContext,
  type KeyMaterial,
  type ReplayGuard,
} from '@liangling/schema';
import type { Request, RequestHandler, Response } from 'express';
import { type GraphQLError, Kind, parse, subscribe, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { RevealLog } from './audit/reveal-log';
import type { DepartmentContext } from './context';

export interface SubscriptionStreamOptions {
  readonly schema: GraphQLSchema;
  readonly callerKey: KeyMaterial;
  /** Nonces already seen, so that a captured stream request cannot be replayed. */
  readonly replayGuard: ReplayGuard;
  /** The exact bytes of a request's body, which its caller context was signed over. */
  readonly rawBodyOf: (req: Request) => Buffer | undefined;
  /** Builds the rest of a request's context (database, loaders, clock) for the stream. */
  readonly context: () => Omit<DepartmentContext, 'caller' | 'requestId' | 'reveals' | 'lastEventId'>;
  /** Milliseconds between keep-alive comments, so that dead connections are noticed. @default 15000 */
  readonly heartbeatMs?: number;
}

function refuse(res: Response, status: number, error: GraphQLError): void {
  res.status(status).json({ errors: [maskUnexpectedErrors(error.toJSON())] });
}

/** The entity id an event is about: `data.<field>.id`, when the selection asked for it. */
function eventIdOf(result: ExecutionResult): string | undefined {
  const root = result.data ? Object.values(result.data)[0] : undefined;
  const id = root && typeof root === 'object' ? (root as { id?: unknown }).id : undefined;
  return typeof id === 'string' && /^[\w.:-]{1,200}$/.test(id) ? id : undefined;
}

export interface SubscriptionStream {
  readonly handler: RequestHandler;
  /** Ends every open stream (on stop: a server drains only once its streams have gone). */
  closeAll(): void;
}

export function subscriptionStream(options: SubscriptionStreamOptions): SubscriptionStream {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const open = new Map<Response, () => void>();
  const handler: RequestHandler = (req: Request, res: Response) => {
    void (async () => {
      const verified = await verifyCallerContext(
        req.header(CALLER_CONTEXT_HEADER),
        options.callerKey,
        { method: req.method, body: options.rawBodyOf(req) ?? '' },
        { replayGuard: options.replayGuard },
      );
      if (!verified.ok)
        return refuse(res, 401, codedError('INVALID_CALLER_CONTEXT', `Subgraphs answer the gateway only: ${verified.reason}.`));
      const body = (req.body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
      if (typeof body.query !== 'string') return refuse(res, 400, codedError('BAD_REQUEST', 'A subscription needs a query.'));
      let document: DocumentNode;
      try {
        document = parse(body.query);
      } catch (error) {
        return refuse(res, 400, codedError('GRAPHQL_PARSE_FAILED', error instanceof Error ? error.message : String(error)));
      }
      const errors = validate(options.schema, document);
      if (errors.length > 0)
        return refuse(res, 400, codedError('GRAPHQL_VALIDATION_FAILED', errors.map((error) => error.message).join(' ')));
      const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
      if (operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'subscription')
        return refuse(res, 400, codedError('BAD_REQUEST', 'This endpoint serves subscriptions only.'));
      const lastEventId = req.header('last-event-id');
      const contextValue: DepartmentContext = {
        ...options.context(),
        caller: verified.caller,
        requestId: req.header('x-request-id') ?? randomUUID(),
        reveals: new RevealLog(),
        ...(lastEventId && /^[\w.:-]{1,200}$/.test(lastEventId) ? { lastEventId } : {}),
      };
      const variableValues = body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : {};
      const result = await subscribe({
        schema: options.schema,
        document,
        variableValues,
        contextValue,
        ...(typeof body.operationName === 'string' ? { operationName: body.operationName } : {}),
      });
      if (!(Symbol.asyncIterator in result)) {
        const first = result.errors?.[0];
        const code = first?.extensions['code'];
        return void res
          .status(code === 'FORBIDDEN' ? 403 : 400)
          .json({ errors: (result.errors ?? []).map((error) => maskUnexpectedErrors(error.toJSON())) });
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.flushHeaders();
      const heartbeat = setInterval(() => res.write(':\n\n'), heartbeatMs);
      heartbeat.unref();
      const stop = () => {
        open.delete(res);
        clearInterval(heartbeat);
        void result.return?.();
      };
      open.set(res, stop);
      res.on('close', stop);
      try {
        for await (const event of result) {
          const id = eventIdOf(event);
          const payload = {
            ...event,
            ...(event.errors ? { errors: event.errors.map((error) => maskUnexpectedErrors(error.toJSON())) } : {}),
          };
          res.write(`${id ? `id: ${id}\n` : ''}event: next\ndata: ${JSON.stringify(payload)}\n\n`);
        }
        res.write('event: complete\ndata:\n\n');
      } finally {
        stop();
        res.end();
      }
    })().catch((error: unknown) => {
      if (!res.headersSent) refuse(res, 500, codedError('INTERNAL_SERVER_ERROR', error instanceof Error ? error.message : String(error)));
      else res.end();
    });
  };
  return {
    handler,
    closeAll: () => {
      for (const [res, stop] of [...open]) {
        stop();
        res.end();
      }
    },
  };
}
