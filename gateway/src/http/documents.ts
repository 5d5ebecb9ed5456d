import { buildContract, codedError, fieldsOutsideContract } from '@liangling/schema';
import type { RequestHandler } from 'express';
import { type GraphQLError, parse, validate } from 'graphql';
import type { Logger } from 'pino';
import { isKeyLive, mayPublish } from '../gateway-store';
import type { LiveStore } from '../live-store';
import type { ServedSchema } from '../plugins/app-documents-plugin';
import { parseTrustedDocuments, sha256Hex } from '../trusted-documents';
import { sendGraphQLError } from './errors';

export interface PublishDocumentsOptions {
  /** The store the documents go to (and the publishing keys come from). */
  readonly live: LiveStore;
  /** The schema served now, kept up to date by the app-documents plugin. */
  readonly served: ServedSchema;
  readonly logger: Logger;
}

const VERSION = /^[\w.+-]{1,64}$/;

/**
 * `POST /apps/:app/documents`, `{ "version": "1.2.0", "documents": { "<sha256>": "<document>" } }`
 * (what `liangling publish` sends; an Apollo persisted-query manifest is accepted as `documents`
 * too), authenticated by a key of that app with the `publish` scope (`x-api-key`). Every document is
 * checked against the app's audience contract; on any error nothing is stored and the answer lists
 * each document's errors. A version, once published, is immutable.
 */
export function publishDocuments(options: PublishDocumentsOptions): RequestHandler {
  const { live, served, logger } = options;
  // Express 5 passes a rejection (the store unreachable) to the error handler.
  return async (req, res) => {
    const app = String(req.params['app'] ?? '');
    const presented = req.header('x-api-key');
    const key = presented ? (await live.store.keys()).find((candidate) => candidate.sha256 === sha256Hex(presented)) : undefined;
    if (!key || !isKeyLive(key) || key.name !== app || !key.scopes.includes('publish')) {
      logger.warn({ app, apiKeyId: key?.id ?? null }, 'publish refused: no publishing key of this app');
      return sendGraphQLError(
        res,
        codedError('UNAUTHENTICATED', `Publishing needs a live key of the app "${app}" with the publish scope (x-api-key).`),
      );
    }
    const refuse = (errors: readonly string[]) => {
      logger.warn({ app, apiKeyId: key.id, errors: errors.length }, 'publish refused: invalid documents');
      res.status(400).json({
        errors: [{ message: `Nothing was published: ${errors.length} error(s).`, extensions: { code: 'BAD_USER_INPUT', errors } }],
      });
    };
    const body = req.body as { version?: unknown; documents?: unknown } | undefined;
    const version = body?.version;
    if (typeof version !== 'string' || !VERSION.test(version)) return refuse(['version: expected 1 to 64 letters, digits or . _ + -']);
    const parsed = parseTrustedDocuments(body?.documents);
    if (!parsed.ok) return refuse([`documents: ${parsed.error}`]);
    if (parsed.documents.size === 0) return refuse(['documents: none given']);
    if (!served.apiSchema) return sendGraphQLError(res, codedError('INTERNAL_SERVER_ERROR', 'The gateway has no schema loaded yet.'));
    const contract = buildContract(served.apiSchema, served.policies, key.audience);
    const errors: string[] = [];
    for (const [hash, text] of parsed.documents) {
      try {
        const document = parse(text);
        const outside = fieldsOutsideContract(contract, document).map(
          ({ definition, path, coordinate }) => `${definition}: ${path} (${coordinate})`,
        );
        for (const field of outside) errors.push(`${hash}: ${field} is not in the ${key.audience} contract`);
        // The other rules (variables, arguments, fragments); unknown fields are said above, with their paths.
        for (const error of validate(contract, document))
          if (outside.length === 0 || !error.message.startsWith('Cannot query field')) errors.push(`${hash}: ${describe(error)}`);
      } catch (error) {
        errors.push(`${hash}: ${(error as Error).message}`);
      }
    }
    const taken = `version: ${app}@${version} is already published with other documents; publish a new version`;
    if (!mayPublish(await live.store.versionHashes(app, version), parsed.documents)) errors.push(taken);
    if (errors.length > 0) return refuse(errors);
    // Checked again as it is stored: another replica may have published this version meanwhile.
    if (!(await live.store.publish(app, version, parsed.documents))) return refuse([taken]);
    await live.refresh();
    logger.info({ app, version, apiKeyId: key.id, documents: parsed.documents.size }, 'documents published');
    res.json({ app, version, documents: [...parsed.documents.keys()] });
  };
}

/** A validation error with the path of the field it is about, as the contract sees it. */
function describe(error: GraphQLError): string {
  const where = error.locations?.[0];
  return where ? `${error.message} (line ${where.line}, column ${where.column})` : error.message;
}
