import { entityReference, type EntityReference } from '@liangling/kit';

/** The residents department's region: petitions come from one, statistics are asked of one. */
export const RegionReference = entityReference('Region');
export type RegionReference = EntityReference;

/** The residents department's resident: the petitioner, an opinion's author. */
export const ResidentReference = entityReference('Resident');
export type ResidentReference = EntityReference;
