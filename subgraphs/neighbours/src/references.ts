// Other departments' entities this one adds fields to: a region's services, a resident's volunteer record.
import { entityReference, type EntityReference } from '@liangling/kit';

/** `Region`, owned by the residents department. */
export const RegionReference = entityReference('Region');
export type RegionReference = EntityReference;

/** `Resident`, owned by the residents department. */
export const ResidentReference = entityReference('Resident');
export type ResidentReference = EntityReference;

/**
 * A resident as this department sees one: the key, and where their volunteer record places them when
 * they have one (for the row scope; not a field).
 */
export type LocatedResident = ResidentReference & { regionPath?: string | null };
