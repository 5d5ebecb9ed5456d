import type { MaskStrategy } from './levels';

/** Masked text never tells the original length: every mask has a fixed shape. */
const REDACTED = '***';

type Masker = (value: string) => string | null;

const MASKERS: Readonly<Record<MaskStrategy, Masker>> = {
  // 张三丰 → 张**: the family name only, whatever the length of the given name.
  NAME: (value) => (value.length === 0 ? REDACTED : `${Array.from(value)[0]}**`),
  // GB/T 35273: 13812345678 → 138****5678.
  PHONE: (value) => (/^\d{11}$/.test(value) ? `${value.slice(0, 3)}****${value.slice(7)}` : REDACTED),
  // 210102195001011234 → 2101**************: the city of registration only. GB/T 35273's example keeps
  // the last four, but the 17th digit is the sex and the check character a function of the birth
  // date, both withheld from whoever gets the mask (masks reveal nothing else).
  ID_NUMBER: (value) => (/^\d{17}[\dX]$/.test(value) ? `${value.slice(0, 4)}${'*'.repeat(14)}` : REDACTED),
  // Only the district is shown: everything after the first 区/县/市 is hidden.
  ADDRESS: (value) => {
    const match = /^.*?[区县市]/u.exec(value);
    return match ? `${match[0]}${REDACTED}` : REDACTED;
  },
  // 1950-01-01 → 1950.
  YEAR: (value) => (/^\d{4}/.test(value) ? value.slice(0, 4) : REDACTED),
  REDACT: () => REDACTED,
  NULL: () => null,
};

/**
 * What each mask still shows of a value, as facts: a mask may be declared on a field only where no
 * other protected field of its type states one of these facts (a year of birth would decide the
 * SENSITIVE `elderly` flag; an ID number's last digits the sex). Checked by the privacy lint.
 */
export const MASK_SHOWS: Readonly<Record<MaskStrategy, readonly string[]>> = {
  NAME: ['family-name'],
  PHONE: ['phone-carrier', 'phone-ending'],
  ID_NUMBER: ['registration-area'],
  ADDRESS: ['district'],
  YEAR: ['age'],
  REDACT: [],
  NULL: [],
};

/**
 * Masks a value for display. Non-text values (numbers, flags, objects) and lists can only be hidden
 * whole: they become `null`, since masking a list item by item would still tell how long it is.
 */
export function maskValue(strategy: MaskStrategy, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value !== 'string') return null;
  return MASKERS[strategy](value);
}
