// `npm run generate:sdk`, second step (after graphql-codegen, `sdk/codegen.ts`): what codegen's
// plugins cannot do, as deterministic rewrites of its output.
//
// - sensitive.ts: the `@sensitive` policy of every field (scripts/sensitive-fields.ts);
// - error-codes.ts: the codes of the graph's one error registry, so the packed SDK needs no runtime
//   (or type) dependency on @liangling/schema;
// - in each audience's schema-types.ts and graphql.ts: a `@sensitive PERSONAL, masked as NAME` doc
//   comment on every personal field, and its value typed `Masked<string, 'NAME'>`, so an editor shows
//   at a glance what may come back masked;
// - in each graphql.ts: every document carries `__meta__: { hash, query }`, the SHA-256 of its text
//   (Apollo persisted-query format), computed here so a browser needs no crypto to send the hash;
// - persisted-documents.json: the manifest of every operation, hash → text, for the gateway.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERRORS, SUPERGRAPH_PATH, readFieldPolicies, type FieldPolicies } from '@liangling/schema';
import {
  buildSchema,
  getNamedType,
  isLeafType,
  isObjectType,
  isInterfaceType,
  parse,
  print,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import ts from 'typescript';
import { SDK_AUDIENCES, type SdkAudience } from '../codegen';
import { renderSensitiveFields, SENSITIVE_OUTPUT_PATH } from './sensitive-fields';

const SDK_DIR = join(__dirname, '..');
const GENERATED_DIR = join(SDK_DIR, 'src', 'generated');
const CONTRACTS_DIR = join(SDK_DIR, '..', 'schema', 'contracts');

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function applyEdits(source: string, edits: readonly Edit[]): string {
  let result = source;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/** The doc line a personal field gets: its level, and what a caller who may not see it gets instead. */
export function sensitiveDocLine(policy: { level: string; mask: string }): string {
  return policy.mask === 'NULL' ? `@sensitive ${policy.level}, null when masked` : `@sensitive ${policy.level}, masked as ${policy.mask}`;
}

/** The types of a `T | null` or `Maybe<T>` without the null: the node to brand. */
function nonNullPart(node: ts.TypeNode): ts.TypeNode | undefined {
  if (ts.isUnionTypeNode(node)) {
    const rest = node.types.filter((each) => !(ts.isLiteralTypeNode(each) && each.literal.kind === ts.SyntaxKind.NullKeyword) && each.kind !== ts.SyntaxKind.UndefinedKeyword);
    return rest.length === 1 ? rest[0] : undefined;
  }
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && node.typeName.text === 'Maybe') return node.typeArguments?.[0];
  return node;
}

/** Object type literals inside a property's type: through `| null`, `Maybe<…>`, `Array<…>` and parentheses. */
function typeLiteralsIn(node: ts.TypeNode): ts.TypeLiteralNode[] {
  if (ts.isTypeLiteralNode(node)) return [node];
  if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) return node.types.flatMap(typeLiteralsIn);
  if (ts.isParenthesizedTypeNode(node)) return typeLiteralsIn(node.type);
  if (ts.isArrayTypeNode(node)) return typeLiteralsIn(node.elementType);
  if (ts.isTypeReferenceNode(node)) return (node.typeArguments ?? []).flatMap(typeLiteralsIn);
  return [];
}

function propertyName(member: ts.TypeElement): string | undefined {
  if (!ts.isPropertySignature(member)) return undefined;
  const name = member.name;
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/**
 * The edits that document and brand one property of a type that maps to `typeName`: a doc comment
 * (merged into the one codegen wrote from the field's description), and `Masked<…>` around the
 * value of a leaf field whose mask keeps a value.
 */
function annotateProperty(sourceFile: ts.SourceFile, member: ts.PropertySignature, policy: { level: string; mask: string }, leaf: boolean, inline: boolean): Edit[] {
  const edits: Edit[] = [];
  const line = sensitiveDocLine(policy);
  const jsDocs = (member as unknown as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
  const first = jsDocs[0];
  const last = jsDocs[jsDocs.length - 1];
  if (first && last) {
    const text = sourceFile.text.slice(first.getStart(sourceFile), last.end);
    const body = text
      .replace(/^\/\*\*\s?/, '')
      .replace(/\s*\*\/$/, '')
      .split('\n')
      .map((each) => each.replace(/^\s*\* ?/, '').trimEnd())
      .filter((each, index, all) => each.length > 0 || (index > 0 && index < all.length - 1));
    const indent = ' '.repeat(sourceFile.getLineAndCharacterOfPosition(first.getStart(sourceFile)).character);
    const merged = ['/**', ...body.map((each) => ` * ${each}`.trimEnd()), ` * ${line}`, ' */'].join(`\n${indent}`);
    edits.push({ start: first.getStart(sourceFile), end: last.end, text: merged });
  } else if (inline) {
    edits.push({ start: member.getStart(sourceFile), end: member.getStart(sourceFile), text: `/** ${line} */ ` });
  } else {
    const indent = ' '.repeat(sourceFile.getLineAndCharacterOfPosition(member.getStart(sourceFile)).character);
    edits.push({ start: member.getStart(sourceFile), end: member.getStart(sourceFile), text: `/** ${line} */\n${indent}` });
  }
  const value = member.type && leaf && policy.mask !== 'NULL' ? nonNullPart(member.type) : undefined;
  if (value) {
    const start = value.getStart(sourceFile);
    edits.push({ start, end: value.end, text: `Masked<${sourceFile.text.slice(start, value.end)}, '${policy.mask}'>` });
  }
  return edits;
}

function addMaskedImport(source: string, maskedModule: string): string {
  if (!/\bMasked</.test(source)) return source;
  const firstLineEnd = source.indexOf('\n') + 1;
  return `${source.slice(0, firstLineEnd)}import type { Masked } from '${maskedModule}';\n${source.slice(firstLineEnd)}`;
}

/** schema-types.ts: each object type's personal fields, documented and branded. */
export function annotateSchemaTypes(source: string, schema: GraphQLSchema, policies: FieldPolicies): string {
  const sourceFile = ts.createSourceFile('schema-types.ts', source, ts.ScriptTarget.Latest, true);
  const edits: Edit[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isTypeAliasDeclaration(statement) || !ts.isTypeLiteralNode(statement.type)) continue;
    const type = schema.getType(statement.name.text);
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    const fields = type.getFields();
    for (const member of statement.type.members) {
      const name = propertyName(member);
      const field = name === undefined ? undefined : fields[name];
      const policy = name === undefined ? undefined : policies.get(`${type.name}.${name}`);
      if (!field || !policy || policy.level === 'PUBLIC' || !ts.isPropertySignature(member)) continue;
      edits.push(...annotateProperty(sourceFile, member, policy, isLeafType(getNamedType(field.type)), false));
    }
  }
  return addMaskedImport(applyEdits(source, edits), '../../masked');
}

/**
 * graphql.ts: the result type of each operation, walked beside the operation's selections so that
 * each property is matched to the schema field it selects (aliases included).
 */
export function annotateOperations(source: string, schema: GraphQLSchema, documents: readonly DocumentNode[], policies: FieldPolicies): string {
  const sourceFile = ts.createSourceFile('graphql.ts', source, ts.ScriptTarget.Latest, true);
  const operations = new Map<string, OperationDefinitionNode>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const document of documents) {
    for (const definition of document.definitions) {
      if (definition.kind === 'OperationDefinition' && definition.name) operations.set(definition.name.value, definition);
      if (definition.kind === 'FragmentDefinition') fragments.set(definition.name.value, definition);
    }
  }
  const edits: Edit[] = [];
  const walk = (literal: ts.TypeLiteralNode, parent: GraphQLCompositeType, selections: SelectionSetNode): void => {
    const byKey = new Map<string, { fieldName: string; selectionSet: SelectionSetNode | undefined }>();
    const collect = (set: SelectionSetNode): void => {
      for (const selection of set.selections) {
        if (selection.kind === 'Field') byKey.set(selection.alias?.value ?? selection.name.value, { fieldName: selection.name.value, selectionSet: selection.selectionSet });
        else if (selection.kind === 'InlineFragment') collect(selection.selectionSet);
        else {
          const fragment = fragments.get(selection.name.value);
          if (fragment) collect(fragment.selectionSet);
        }
      }
    };
    collect(selections);
    if (!isObjectType(parent) && !isInterfaceType(parent)) return;
    const fields = parent.getFields();
    for (const member of literal.members) {
      const key = propertyName(member);
      const selected = key === undefined ? undefined : byKey.get(key);
      const field = selected ? fields[selected.fieldName] : undefined;
      if (!selected || !field || !ts.isPropertySignature(member) || !member.type) continue;
      const named = getNamedType(field.type);
      const policy = policies.get(`${parent.name}.${selected.fieldName}`);
      // PUBLIC is never masked: only fields some caller may not see in the clear are marked.
      if (policy && policy.level !== 'PUBLIC') edits.push(...annotateProperty(sourceFile, member, policy, isLeafType(named), true));
      if (selected.selectionSet && !isLeafType(named)) {
        for (const inner of typeLiteralsIn(member.type)) walk(inner, named as GraphQLCompositeType, selected.selectionSet);
      }
    }
  };
  for (const statement of sourceFile.statements) {
    if (!ts.isTypeAliasDeclaration(statement)) continue;
    const match = /^(.+)(Query|Mutation|Subscription)$/.exec(statement.name.text);
    const operation = match?.[1] ? operations.get(match[1]) : undefined;
    const root = operation ? schema.getRootType(operation.operation) : undefined;
    if (!operation || !root) continue;
    for (const literal of typeLiteralsIn(statement.type)) walk(literal, root, operation.selectionSet);
  }
  return addMaskedImport(applyEdits(source, edits), '../../masked');
}

/** One operation of the trusted-documents manifest. */
export interface PersistedOperation {
  readonly id: string;
  readonly name: string;
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly body: string;
  readonly audience: SdkAudience;
}

/** SHA-256 (hex) of a document's text: the Apollo persisted-query hash. */
export function documentHash(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

const DOCUMENT_CONST = /^export const (\w+)Document = (\{.*\}) as unknown as DocumentNode<(.+)>;$/gm;

/**
 * graphql.ts: `__meta__: { hash, query }` on every document, the text the gateway knows it by (graphql's
 * `print`) and its hash; returns the rewritten file and the operations for the manifest.
 */
export function addPersistedHashes(source: string, audience: SdkAudience): { source: string; operations: PersistedOperation[] } {
  const operations: PersistedOperation[] = [];
  const rewritten = source.replace(DOCUMENT_CONST, (_all, name: string, json: string, generics: string) => {
    const document = JSON.parse(json) as DocumentNode & { __meta__?: unknown };
    delete document.__meta__;
    const body = print(document);
    const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition');
    const hash = documentHash(body);
    if (operation) operations.push({ id: hash, name: operation.name?.value ?? name, type: operation.operation, body, audience });
    const withMeta = { ...document, __meta__: { hash, query: body } };
    return `export const ${name}Document = ${JSON.stringify(withMeta)} as unknown as DocumentNode<${generics}>;`;
  });
  return { source: rewritten, operations };
}

/** error-codes.ts: the registry's codes, for typed errors without a dependency on @liangling/schema. */
export function renderErrorCodes(): string {
  const codes = Object.keys(ERRORS);
  return [
    '/* Generated by `npm run generate:sdk` from the error registry, schema/src/errors.ts; do not edit. */',
    '',
    '/** Every code the graph can return in `extensions.code`, with its meaning. */',
    'export const ERROR_MEANINGS = {',
    ...codes.map((code) => `  ${code}: ${JSON.stringify(ERRORS[code as keyof typeof ERRORS].meaning)},`),
    '} as const;',
    '',
    '/** A code of the graph\u2019s one error registry. */',
    'export type ErrorCode = keyof typeof ERROR_MEANINGS;',
    '',
  ].join('\n');
}

function operationDocuments(audience: SdkAudience): DocumentNode[] {
  const dir = join(SDK_DIR, 'operations', audience);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => parse(readFileSync(join(dir, file), 'utf8')));
}

export function main(): void {
  const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
  const policies = readFieldPolicies(buildSchema(supergraphSdl));
  writeFileSync(SENSITIVE_OUTPUT_PATH, renderSensitiveFields(supergraphSdl));
  writeFileSync(join(GENERATED_DIR, 'error-codes.ts'), renderErrorCodes());
  const manifest: PersistedOperation[] = [];
  for (const audience of SDK_AUDIENCES) {
    const schema = buildSchema(readFileSync(join(CONTRACTS_DIR, `${audience}.graphql`), 'utf8'));
    const typesPath = join(GENERATED_DIR, audience, 'schema-types.ts');
    writeFileSync(typesPath, annotateSchemaTypes(readFileSync(typesPath, 'utf8'), schema, policies));
    const operationsPath = join(GENERATED_DIR, audience, 'graphql.ts');
    const hashed = addPersistedHashes(readFileSync(operationsPath, 'utf8'), audience);
    writeFileSync(operationsPath, annotateOperations(hashed.source, schema, operationDocuments(audience), policies));
    manifest.push(...hashed.operations);
  }
  // One entry per distinct text: the same operation in two audiences is one trusted document.
  const unique = [...new Map(manifest.map((operation) => [operation.id, operation])).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const file = {
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: unique.map(({ id, name, type, body }) => ({ id, name, type, body })),
  };
  writeFileSync(join(GENERATED_DIR, 'persisted-documents.json'), `${JSON.stringify(file, null, 2)}\n`);
}

if (require.main === module) main();
