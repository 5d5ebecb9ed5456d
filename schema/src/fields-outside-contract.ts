// Which fields of a document a contract lacks, named so that a developer finds them: the gateway
// refuses a published document with them, the SDK's codegen fails an app's build on them. Only
// `graphql` is imported here, so that the SDK's tooling can bundle this file without the rest of the
// package.
import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';

/** A field a document asks for that the schema it is checked against does not have. */
export interface FieldOutsideContract {
  /** The operation's name (`anonymous query` when it has none) or `fragment Name`. */
  readonly definition: string;
  /** The response path to the field, aliases as the document writes them: `me.name`. */
  readonly path: string;
  /** The field's schema coordinate: `Resident.name`. */
  readonly coordinate: string;
}

/** Each field `document` asks for that `schema` lacks (its subfields are not visited), in document order. */
export function fieldsOutsideContract(schema: GraphQLSchema, document: DocumentNode): FieldOutsideContract[] {
  const outside: FieldOutsideContract[] = [];
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  let definition = '';
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: { enter: (node) => void (definition = node.name?.value ?? `anonymous ${node.operation}`) },
      FragmentDefinition: { enter: (node) => void (definition = `fragment ${node.name.value}`) },
      Field: {
        enter: (node) => {
          path.push(node.alias?.value ?? node.name.value);
          const parent = typeInfo.getParentType();
          if (!parent || typeInfo.getFieldDef()) return undefined;
          outside.push({ definition, path: path.join('.'), coordinate: `${parent.name}.${node.name.value}` });
          path.pop();
          return false;
        },
        leave: () => void path.pop(),
      },
    }),
  );
  return outside;
}
