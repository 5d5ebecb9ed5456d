import { entityReference, type EntityReference } from '@liangling/kit';

// The residents department's entities that devices and alerts lie in or are about.

export const BuildingReference = entityReference('Building');
export type BuildingReference = EntityReference;

export const HouseholdReference = entityReference('Household');
export type HouseholdReference = EntityReference;

export const RegionReference = entityReference('Region');
export type RegionReference = EntityReference;

export const ResidentReference = entityReference('Resident');
export type ResidentReference = EntityReference;
