// Where a request goes when the dispatcher names no organisation. Pure.
import { pathIds } from '@liangling/kit';
import type { Category } from './sla';

/** The organisation a category goes to when the dispatcher names none. */
export function defaultAssignee(category: Category, regionPath: string): string | undefined {
  const street = pathIds(regionPath)[2];
  switch (category) {
    case 'WATER':
      return 'org-water';
    case 'POWER':
      return 'org-power';
    case 'GAS':
      return 'org-gas';
    case 'HEATING':
      return 'org-heating';
    case 'PROPERTY':
    case 'SANITATION':
      return street ? `org-property-${street}` : undefined;
    default:
      return undefined;
  }
}
