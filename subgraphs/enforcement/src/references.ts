import { entityReference, type EntityReference } from '@liangling/kit';

// Other departments' entities this one points at or adds its fields to: their key, nothing more.

/** `Region`, owned by the residents department: a case's district and region, and the enforcement figures under it. */
export const RegionReference = entityReference('Region');
export type RegionReference = EntityReference;

/** `Building`, owned by the residents department: where a case is. */
export const BuildingReference = entityReference('Building');
export type BuildingReference = EntityReference;

/** `Resident`, owned by the residents department: a party who is a resident on record. */
export const ResidentReference = entityReference('Resident');
export type ResidentReference = EntityReference;

/** `Organisation`, owned by the neighbours department: a party that is an organisation on record. */
export const OrganisationReference = entityReference('Organisation');
export type OrganisationReference = EntityReference;

/** `RepairRequest`, owned by the requests department: referred to enforcement. */
export const RepairRequestReference = entityReference('RepairRequest');
export type RepairRequestReference = EntityReference;

/** `Petition`, owned by the petitions department: referred to enforcement. */
export const PetitionReference = entityReference('Petition');
export type PetitionReference = EntityReference;

/** `Alert`, owned by the monitoring department: referred to enforcement. */
export const AlertReference = entityReference('Alert');
export type AlertReference = EntityReference;
