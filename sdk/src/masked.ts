import { SENSITIVE_FIELDS, type MaskStrategy, type SensitiveField } from './generated/sensitive';

declare const MASK: unique symbol;

/**
 * A value that may come back masked: what the generated types give every personal field whose mask
 * keeps a value (`M` says how: `NAME` → `张**`, `PHONE` → `138****5678`, `ID_NUMBER` →
 * `2101**************`, `YEAR` → `1951`, `ADDRESS` → `沈河区***`, `REDACT` → `***`). It is the plain
 * value at runtime and reads like one (`Masked<string>` is a string); the brand is only there so
 * that an editor shows, and a reviewer sees, which values must not be parsed, compared or stored as
 * if they were real. Test one with {@link isMasked}.
 */
export type Masked<T, M extends MaskStrategy = MaskStrategy> = T & { readonly [MASK]?: M };

const MASKED_SHAPES: Readonly<Record<Exclude<MaskStrategy, 'NULL'>, RegExp>> = {
  NAME: /^.\*\*$/u,
  PHONE: /^\d{3}\*{4}\d{4}$/,
  ID_NUMBER: /^\d{4}\*{14}$/,
  ADDRESS: /\*\*\*$/,
  YEAR: /^\d{4}$/,
  REDACT: /^\*\*\*$/,
};

/**
 * Whether a value came back masked rather than in the clear.
 * @param mask how the value would be masked (a `MaskStrategy`), or the field it is from
 *   (`'Resident.phone'`), whose mask `SENSITIVE_FIELDS` knows. Without it, any text with a run of
 *   `**` counts as masked (a `YEAR` mask cannot be told from a year without it).
 */
export function isMasked(value: unknown, mask?: MaskStrategy | SensitiveField): boolean {
  const strategy: MaskStrategy | undefined =
    mask === undefined ? undefined : mask in SENSITIVE_FIELDS ? SENSITIVE_FIELDS[mask as SensitiveField].mask : (mask as MaskStrategy);
  if (strategy === 'NULL') return value === null;
  if (typeof value !== 'string') return false;
  return strategy === undefined ? /\*\*/.test(value) : MASKED_SHAPES[strategy].test(value);
}
