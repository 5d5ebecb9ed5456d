import type { DataLevel, MaskStrategy } from '@liangling/schema';
import { Directive } from 'type-graphql';

export interface SensitiveOptions {
  readonly level: DataLevel;
  /** @default 'REDACT' */
  readonly mask?: MaskStrategy;
  /** The field of the row that names the data subject, who always sees their own value. */
  readonly owner?: string;
  /** On an argument or input field: the field(s) of the rows it tests, comma-separated (default: its own name). */
  readonly field?: string;
  /** On a list of records: decide item by item, leaving out those the caller may not see. */
  readonly each?: boolean;
}

/**
 * Declares a field's privacy level: `@Sensitive({ level: 'PERSONAL', mask: 'PHONE', owner: 'id' })`; on an
 * argument or input field, the level of what selecting rows by it tells about them.
 */
export function Sensitive(options: SensitiveOptions): MethodDecorator & PropertyDecorator & ClassDecorator & ParameterDecorator {
  const args = [`level: ${options.level}`];
  if (options.mask) args.push(`mask: ${options.mask}`);
  if (options.owner) args.push(`owner: ${JSON.stringify(options.owner)}`);
  if (options.field) args.push(`field: ${JSON.stringify(options.field)}`);
  if (options.each) args.push('each: true');
  return Directive(`@sensitive(${args.join(', ')})`);
}
