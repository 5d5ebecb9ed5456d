import { invalidInput, underPath } from '@liangling/kit';
import { codedError, type Caller } from '@liangling/schema';
import { mayLocatePetitions } from './access';
import type { Prisma } from './generated/prisma/client';

// Where a petition comes from, and petitions by place and period: for the petitions office and the
// early-warning engine only. A petition's place is its petitioner's home, so a place is a clue to who
// filed it: the department complained about must get neither the street of a petition nor a list
// narrowed to a place, which could single a petitioner out.

/** The level of a stored region path (city, district, street, community, grid) a petition is placed at. */
const STREET_DEPTH = 2;

/**
 * The path of a region from the city down, from its id: ids are built by the grid platform as the
 * district's code under the city's (`r-2101` → `r-210103`), then one `-n` per level below
 * (`r-210103-1-1-1` is a grid). Null when the id is not of that form.
 */
export function regionPathOf(regionId: string): string | null {
  const match = /^r-(\d{4})(\d{2})((?:-\d{1,3}){0,3})$/.exec(regionId);
  if (!match) return null;
  const [, city, district, below] = match;
  const path = [`r-${city}`, `r-${city}${district}`];
  for (const step of below!.split('-').filter(Boolean)) path.push(`${path[path.length - 1]}-${step}`);
  return `/${path.join('/')}/`;
}

/** The street (街道) of a stored region path, or null when the path does not reach one. */
export function streetOf(regionPath: string): string | null {
  return regionPath.split('/').filter(Boolean)[STREET_DEPTH] ?? null;
}

/** What `petitions(regionId, from, to)` adds to the list's filter; refused to callers who may not narrow by place. */
export function placeAndPeriod(
  caller: Caller,
  regionId: string | null | undefined,
  from: Date | null | undefined,
  to: Date | null | undefined,
): Prisma.PetitionWhereInput {
  if (from && to && from.getTime() >= to.getTime()) throw invalidInput('from', 'must be before `to`');
  const received = from || to ? { receivedAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {};
  if (regionId === null || regionId === undefined) return received;
  if (!mayLocatePetitions(caller))
    throw codedError('FORBIDDEN', 'Only the petitions office lists petitions by where they come from.', { argument: 'regionId' });
  // The whole city (`r-2101`) too: regionPathOf knows the levels from a district down.
  const path = /^r-\d{4}$/.test(regionId) ? `/${regionId}/` : regionPathOf(regionId);
  if (!path) throw invalidInput('regionId', 'must be a region id such as r-210103-1');
  return { ...received, regionPath: underPath(path) };
}
