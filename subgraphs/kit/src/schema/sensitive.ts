import type { DataLevel, MaskStrategy } from '@liangling/schema';
import { Directive } from 'type-graphql';

export interface SensitiveOptions {
  readonly level: DataLevel;
  /** @default 'REDACT' */
  readonly mask?: MaskStrategy;
  /** The field of the row that names the data subject, who always sees their own value. */
  readonly owner?: string;
}

/** Declares a field's privacy level: `@Sensitive({ level: 'PERSONAL', mask: 'PHONE', owner: 'id' })`. */
export function Sensitive(options: SensitiveOptions): MethodDecorator & PropertyDecorator & ClassDecorator {
  const args = [`level: ${options.level}`];
  if (options.mask) args.push(`mask: ${options.mask}`);
  if (options.owner) args.push(`owner: ${JSON.stringify(options.owner)}`);
  return Directive(`@sensitive(${args.join(', ')})`);
}
