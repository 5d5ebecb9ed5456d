// Other departments' entities this one points at (a request's submitter, home, assignee) or adds
// fields to (a resident's requests, a region's statistics): each a key and nothing more here.
import { entityReference, type EntityReference } from '@liangling/kit';

/** `Region`, owned by the residents department. */
export const RegionReference = entityReference('Region');
export type RegionReference = EntityReference;

/** `Building`, owned by the residents department. */
export const BuildingReference = entityReference('Building');
export type BuildingReference = EntityReference;

/** `Household`, owned by the residents department. */
export const HouseholdReference = entityReference('Household');
export type HouseholdReference = EntityReference;

/** `Resident`, owned by the residents department. */
export const ResidentReference = entityReference('Resident');
export type ResidentReference = EntityReference;

/** `Organisation`, owned by the neighbours department. */
export const OrganisationReference = entityReference('Organisation');
export type OrganisationReference = EntityReference;
