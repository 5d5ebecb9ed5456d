/**
 * Privacy levels, most open first. The order is the clearance order: a caller cleared for a level
 * is cleared for every level before it.
 */
export const DATA_LEVELS = ['PUBLIC', 'INTERNAL', 'PERSONAL', 'SENSITIVE', 'SECRET'] as const;
export type DataLevel = (typeof DATA_LEVELS)[number];

/** How a value is shown to a caller who may know that it exists but not what it is. */
export const MASK_STRATEGIES = ['NAME', 'PHONE', 'ID_NUMBER', 'ADDRESS', 'YEAR', 'REDACT', 'NULL'] as const;
export type MaskStrategy = (typeof MASK_STRATEGIES)[number];

export function levelRank(level: DataLevel): number {
  return DATA_LEVELS.indexOf(level);
}

/** True when `held` is at or above `needed`. */
export function clears(held: DataLevel, needed: DataLevel): boolean {
  return levelRank(held) >= levelRank(needed);
}
