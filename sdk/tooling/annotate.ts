// The privacy annotations of generated types, shared by the SDK's own generation
// (sdk/scripts/generate.ts) and an app's codegen (sdk/tooling/codegen.ts, through codegen's
// `beforeOneFileWrite` hook): a `PERSONAL data: may come back masked as NAME.` doc comment on every personal
// field of a result type, and its value typed `Masked<string, 'NAME'>`, so that an editor shows at a
// glance what may come back masked. Edits of the TypeScript syntax tree, not of text patterns.
import {
  getNamedType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import ts from 'typescript';

/** The `@sensitive` policy of each field, by `Type.field`. */
export type SensitivePolicies = ReadonlyMap<string, { readonly level: string; readonly mask: string }>;

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function applyEdits(source: string, edits: readonly Edit[]): string {
  let result = source;
  for (const edit of [...edits].sort((a, b) => b.start - a.start))
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/**
 * The doc line a personal field gets: its level, and what a caller who may not see it gets instead.
 * Prose, not a `@sensitive` tag: editors show a comment's text on hover, a tag only below it.
 */
export function sensitiveDocLine(policy: { level: string; mask: string }): string {
  return policy.mask === 'NULL'
    ? `${policy.level} data: may come back null (masked).`
    : `${policy.level} data: may come back masked as ${policy.mask}.`;
}

/** The types of a `T | null` or `Maybe<T>` without the null: the node to brand. */
function nonNullPart(node: ts.TypeNode): ts.TypeNode | undefined {
  if (ts.isUnionTypeNode(node)) {
    const rest = node.types.filter(
      (each) =>
        !(ts.isLiteralTypeNode(each) && each.literal.kind === ts.SyntaxKind.NullKeyword) && each.kind !== ts.SyntaxKind.UndefinedKeyword,
    );
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
function annotateProperty(
  sourceFile: ts.SourceFile,
  member: ts.PropertySignature,
  policy: { level: string; mask: string },
  leaf: boolean,
  inline: boolean,
): Edit[] {
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
    // On a line of its own: TypeScript reads a comment that follows a token on the same line (the
    // previous field's comma) as that token's trailing comment, and no editor would show it.
    edits.push({ start: member.getStart(sourceFile), end: member.getStart(sourceFile), text: `\n/** ${line} */ ` });
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

export function addMaskedImport(source: string, maskedModule: string): string {
  if (!/\bMasked</.test(source)) return source;
  const firstLineEnd = source.indexOf('\n') + 1;
  return `${source.slice(0, firstLineEnd)}import type { Masked } from '${maskedModule}';\n${source.slice(firstLineEnd)}`;
}

/** schema-types.ts: each object type's personal fields, documented and branded. */
export function annotateSchemaTypes(
  source: string,
  schema: GraphQLSchema,
  policies: SensitivePolicies,
  maskedModule = '../../masked',
): string {
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
  return addMaskedImport(applyEdits(source, edits), maskedModule);
}

/**
 * graphql.ts: the result type of each operation and fragment, walked beside its selections so that
 * each property is matched to the schema field it selects (aliases included).
 * @param documents the operations and fragments of the file (default: the documents it holds, {@link documentsOf})
 * @param maskedModule where the file imports `Masked` from
 */
export function annotateOperations(
  source: string,
  schema: GraphQLSchema,
  documents: readonly DocumentNode[] | undefined,
  policies: SensitivePolicies,
  maskedModule = '../../masked',
): string {
  const sourceFile = ts.createSourceFile('graphql.ts', source, ts.ScriptTarget.Latest, true);
  const operations = new Map<string, OperationDefinitionNode>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const document of documents ?? documentsOf(sourceFile)) {
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
        if (selection.kind === 'Field')
          byKey.set(selection.alias?.value ?? selection.name.value, {
            fieldName: selection.name.value,
            selectionSet: selection.selectionSet,
          });
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
    const match = /^(.+)(Query|Mutation|Subscription|Fragment)$/.exec(statement.name.text);
    if (!match?.[1]) continue;
    if (match[2] === 'Fragment') {
      const fragment = fragments.get(match[1]);
      const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
      if (!fragment || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const literal of typeLiteralsIn(statement.type)) walk(literal, type, fragment.selectionSet);
      continue;
    }
    const operation = operations.get(match[1]);
    const root = operation ? schema.getRootType(operation.operation) : undefined;
    if (!operation || !root) continue;
    for (const literal of typeLiteralsIn(statement.type)) walk(literal, root, operation.selectionSet);
  }
  return addMaskedImport(applyEdits(source, edits), maskedModule);
}

/**
 * The documents a generated file holds: each `export const …Document = {…} as unknown as
 * DocumentNode<…>` is the document as JSON (codegen's `documentMode: 'documentNode'`).
 */
export function documentsOf(sourceFile: ts.SourceFile): DocumentNode[] {
  const documents: DocumentNode[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      let initializer = declaration.initializer;
      while (initializer && (ts.isAsExpression(initializer) || ts.isParenthesizedExpression(initializer)))
        initializer = initializer.expression;
      if (
        !initializer ||
        !ts.isObjectLiteralExpression(initializer) ||
        !ts.isIdentifier(declaration.name) ||
        !declaration.name.text.endsWith('Document')
      )
        continue;
      documents.push(JSON.parse(initializer.getText(sourceFile)) as DocumentNode);
    }
  }
  return documents;
}
