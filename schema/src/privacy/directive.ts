import { DATA_LEVELS, MASK_STRATEGIES } from './levels';

/** The spec the directive is linked from; composition keeps it with `@composeDirective`. */
export const PRIVACY_SPEC_URL = 'https://specs.liangling.dev/privacy/v0.1';
export const SENSITIVE_DIRECTIVE = 'sensitive';

/** The definitions every subgraph declares; identical everywhere, so composition merges them. */
export const PRIVACY_DIRECTIVE_SDL = `
"""
Privacy of a field (or of every field of a type): its level, how it is masked, the field naming the
data subject, and for SECRET the department that owns it (filled in by the subgraph kit). On an
argument or input field, the level of the fact that filtering or searching by it tells about each row
found, \`field\` naming the field of the rows it tests. With \`each\`, a list is decided item by item.
"""
directive @sensitive(level: DataLevel!, mask: MaskStrategy = REDACT, owner: String, department: String, field: String, each: Boolean) on FIELD_DEFINITION | OBJECT | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION

"""Privacy level of a field: who may see it (privacy.md)."""
enum DataLevel { ${DATA_LEVELS.join(' ')} }

"""How a value is shown to a caller who may see that it exists but not what it is."""
enum MaskStrategy { ${MASK_STRATEGIES.join(' ')} }
`;

/** The `@link`s a subgraph's SDL starts with. */
export function subgraphLinkHeader(federationImports: readonly string[]): string {
  const fed = federationImports.map((name) => `"${name}"`).join(', ');
  return [
    'extend schema',
    `  @link(url: "https://specs.apollo.dev/federation/v2.9", import: [${fed}])`,
    `  @link(url: "${PRIVACY_SPEC_URL}", import: ["@${SENSITIVE_DIRECTIVE}"])`,
    `  @composeDirective(name: "@${SENSITIVE_DIRECTIVE}")`,
  ].join('\n');
}
