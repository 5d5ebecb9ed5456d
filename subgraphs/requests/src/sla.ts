// Service levels as data: how long each tier has for a request before it goes up one tier. Pure.
import type { Tier } from './lifecycle';

export type Category = 'WATER' | 'POWER' | 'GAS' | 'HEATING' | 'PROPERTY' | 'SANITATION' | 'ROAD' | 'OTHER';

/** Hours a tier has for a request of each category, at the community tier. */
export const SLA_HOURS: Readonly<Record<Category, number>> = {
  GAS: 4, // a gas fault is a danger to the building
  POWER: 12,
  WATER: 24,
  HEATING: 72, // outside the heating season; see HEATING_SEASON_HOURS
  PROPERTY: 72,
  SANITATION: 48,
  ROAD: 120,
  OTHER: 120,
};

/**
 * Shenyang's heating season (供暖期) runs from 1 November to 31 March: a heating fault then leaves a
 * household in the cold of a northeastern winter, so it is urgent — hours, not days.
 */
export const HEATING_SEASON_HOURS = 8;

/** Each tier up has less time than the one below: what reaches it is already late (分级响应, passed up quickly). */
export const TIER_FACTOR: Readonly<Record<Tier, number>> = { COMMUNITY: 1, STREET: 1, DISTRICT: 0.75, CITY: 0.5 };

const SHENYANG_UTC_OFFSET_MS = 8 * 3_600_000;

/** True from 1 November to 31 March, by the calendar in Shenyang (UTC+8). */
export function inHeatingSeason(at: Date): boolean {
  const month = new Date(at.getTime() + SHENYANG_UTC_OFFSET_MS).getUTCMonth() + 1;
  return month >= 11 || month <= 3;
}

/** Hours a tier has, from `at`, for a request of `category`. */
export function slaHours(category: Category, tier: Tier, at: Date): number {
  const base = category === 'HEATING' && inHeatingSeason(at) ? HEATING_SEASON_HOURS : SLA_HOURS[category];
  return base * TIER_FACTOR[tier];
}

/** When the tier's time runs out for a request arriving there at `at`. */
export function slaDueAt(category: Category, tier: Tier, at: Date): Date {
  return new Date(at.getTime() + slaHours(category, tier, at) * 3_600_000);
}
