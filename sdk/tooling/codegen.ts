// `@liangling/sdk/codegen`: an app's graphql-codegen configuration in a few lines. Its own
// operations (`graphql()` tagged templates or .graphql files), typed against its audience's contract,
// shipped in this package, with graphql-codegen's client preset underneath.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';
import { Kind, buildSchema, visit, type ASTNode, type DocumentNode, type FieldNode, type GraphQLSchema } from 'graphql';
// The one module of @liangling/schema the tooling uses, bundled into the packed SDK (scripts/build.ts).
import { fieldsOutsideContract as fieldsOutside } from '@liangling/schema/src/fields-outside-contract';
import { SENSITIVE_FIELDS } from '../src/generated/sensitive';
import { annotateOperations, type SensitivePolicies } from './annotate';

/** The audiences an app can be written for: the contract the gateway gives its callers. */
export type Audience = 'public' | 'partner' | 'government';

export interface LianglingCodegenOptions {
  /** Whose contract the operations are checked and typed against. */
  readonly audience: Audience;
  /** Where the app's operations are: globs of `.ts`/`.tsx` files with `graphql(…)` calls, or `.graphql` files. @default 'src/**\/*.{ts,tsx}' */
  readonly documents?: string | readonly string[];
  /** The folder codegen writes (`graphql()`, the types, `persisted-documents.json`); ends with `/`. @default 'src/gql/' */
  readonly output?: string;
  /**
   * Add `__typename` to every selection set but the root, as Apollo Client does before it sends a
   * document: the published documents are then exactly what the client sends, and the result types
   * carry `__typename`. @default false
   */
  readonly addTypename?: boolean;
}

/** The folder of the shipped contracts: `contracts/` beside `src/` in this repository, beside `dist/` when packed. */
function contractsDir(): string {
  for (const candidate of [join(__dirname, '..', 'contracts'), join(__dirname, '..', '..', 'contracts')]) {
    if (existsSync(join(candidate, 'public.graphql'))) return candidate;
  }
  throw new Error('@liangling/sdk: the contracts are missing from the package');
}

/** The path of an audience's contract, the schema the gateway gives that kind of caller. */
export function contractPath(audience: Audience): string {
  return join(contractsDir(), `${audience}.graphql`);
}

/** SHA-256 (hex) of a document's text: the hash the gateway knows a published document by. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Each field a document asks for that the contract lacks, as `Operation: path.to.field (Type.field is not in the contract)`. */
export function fieldsOutsideContract(schema: GraphQLSchema, document: DocumentNode): string[] {
  return fieldsOutside(schema, document).map(
    ({ definition, path, coordinate }) => `${definition}: ${path} (${coordinate} is not in the contract)`,
  );
}

/**
 * A document transform that fails generation on any field outside the audience's contract, naming
 * its path; codegen's own validation would only say "Cannot query field".
 */
function contractCheck(schema: GraphQLSchema, audience: Audience): Types.DocumentTransformObject {
  return {
    transform: ({ documents }) => {
      const problems = documents.flatMap((file) =>
        file.document ? fieldsOutsideContract(schema, file.document).map((problem) => `${file.location ?? 'document'}: ${problem}`) : [],
      );
      if (problems.length > 0) throw new Error(`Outside the ${audience} contract:\n  ${problems.join('\n  ')}`);
      return documents;
    },
  };
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * `__typename` where Apollo Client adds it before sending (its `addTypenameToDocument`): last in every
 * selection set but the operation's root, unless already there; not inside introspection fields.
 * Codegen's own `addTypenameSelectionDocumentTransform` also adds it at the root, so the text it
 * hashes is not the one Apollo Client sends.
 */
export function addTypenameLikeApolloClient(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet: {
      enter: (node, _key, parent) => {
        if (parent && !Array.isArray(parent) && (parent as ASTNode).kind === Kind.OPERATION_DEFINITION) return undefined;
        if (
          parent &&
          !Array.isArray(parent) &&
          (parent as ASTNode).kind === Kind.FIELD &&
          (parent as FieldNode).name.value.startsWith('__')
        )
          return false;
        if (node.selections.some((selection) => selection.kind === Kind.FIELD && selection.name.value === '__typename')) return undefined;
        return { ...node, selections: [...node.selections, TYPENAME] };
      },
    },
  });
}

const apolloTypename: Types.DocumentTransformObject = {
  transform: ({ documents }) =>
    documents.map((file) => (file.document ? { ...file, document: addTypenameLikeApolloClient(file.document) } : file)),
};

/** Every field's `@sensitive` policy, as the SDK ships it. */
const POLICIES: SensitivePolicies = new Map(Object.entries(SENSITIVE_FIELDS));

/**
 * An app's whole codegen configuration. In `codegen.ts`:
 *
 * ```ts
 * import { lianglingCodegen } from '@liangling/sdk/codegen';
 * export default lianglingCodegen({ audience: 'public', documents: 'src/**\/*.ts' });
 * ```
 *
 * What it sets up: graphql-codegen's client preset (a typed `graphql()` function, fragments, a
 * `TypedDocumentNode` per operation), each document's SHA-256 in `__meta__.hash` and the
 * manifest `persisted-documents.json` (the preset's `persistedDocuments`), for `liangling publish`;
 * the contract check; and the `@sensitive` docs and `Masked<…>` brands on result types.
 */
export function lianglingCodegen(options: LianglingCodegenOptions): CodegenConfig {
  const output = options.output ?? 'src/gql/';
  const schemaPath = contractPath(options.audience);
  const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
  const addTypename = options.addTypename ?? false;
  return {
    overwrite: true,
    schema: schemaPath,
    documents: typeof options.documents === 'string' ? options.documents : options.documents ? [...options.documents] : 'src/**/*.{ts,tsx}',
    ignoreNoDocuments: true,
    generates: {
      [output]: {
        preset: 'client',
        presetConfig: {
          // Unmasked fragments: a component reads its fragment's fields straight from the result.
          fragmentMasking: false,
          // Hex without the preset's `sha256:` prefix: Apollo's persisted-query hash, what the gateway checks.
          persistedDocuments: { mode: 'embedHashInDocument', hashPropertyName: 'hash', hashAlgorithm: sha256Hex },
        },
        documentTransforms: [contractCheck(schema, options.audience), ...(addTypename ? [apolloTypename] : [])],
        config: {
          scalars: { DateTimeISO: 'string' },
          enumsAsTypes: true,
          useTypeImports: true,
          skipTypename: !addTypename,
          nonOptionalTypename: addTypename,
        },
      },
    },
    hooks: {
      beforeOneFileWrite: [
        // The preset's graphql.ts holds the result types; the other files need nothing.
        (path: string, content: string) =>
          path.endsWith('graphql.ts') ? annotateOperations(content, schema, undefined, POLICIES, '@liangling/sdk') : content,
      ],
    },
  };
}
