import type { KeysetOrder } from '@liangling/kit';

/** The trail and every access log read newest first: by position in the chain, which is unique. */
export const TRAIL_ORDER: KeysetOrder = [['seq', 'desc']];
export const TRAIL_KEY = ['number'] as const;

/** A record's place in that order (a 64-bit position, exact as a number to 2^53). */
export function trailKeyOf(row: { readonly seq: bigint }): [number] {
  return [Number(row.seq)];
}
