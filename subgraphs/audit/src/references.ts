import { entityReference, type EntityReference } from '@liangling/kit';

/** `Resident`, owned by the residents department: this one adds the resident's access log to it. */
export const ResidentReference = entityReference('Resident');
export type ResidentReference = EntityReference;
