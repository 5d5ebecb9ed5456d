import { loaderByGroup, loaderById, pathIds, underPath } from '@liangling/kit';
import { distanceMetres } from './distance';
import type { PrismaClient as Db, NeighbourService as ServiceRow } from './generated/prisma/client';

/** A service with how far its provider is from the place it was looked up for. */
export interface ServiceNear {
  readonly service: ServiceRow;
  readonly distanceMetres: number;
}

export function createLoaders(db: Db) {
  return {
    organisation: loaderById((ids) => db.organisation.findMany({ where: { id: { in: ids } } })),
    organisationRegions: loaderByGroup(
      (ids) => db.organisationRegion.findMany({ where: { organisationId: { in: ids } }, orderBy: { regionId: 'asc' } }),
      (row) => row.organisationId,
    ),
    service: loaderById((ids) => db.neighbourService.findMany({ where: { id: { in: ids } } })),
    servicesByProvider: loaderByGroup(
      (ids) => db.neighbourService.findMany({ where: { providerId: { in: ids } }, orderBy: { id: 'asc' } }),
      (row) => row.providerId,
    ),
    serviceAreas: loaderByGroup(
      (ids) => db.serviceArea.findMany({ where: { serviceId: { in: ids } }, orderBy: { regionId: 'asc' } }),
      (row) => row.serviceId,
    ),
    volunteerByResident: loaderByGroup(
      (ids) => db.volunteer.findMany({ where: { residentId: { in: ids } } }),
      (row) => row.residentId,
    ),
    /** The read model of places (see prisma/schema.prisma). */
    region: loaderById((ids) => db.region.findMany({ where: { id: { in: ids } } })),
    building: loaderById((ids) => db.building.findMany({ where: { id: { in: ids } } })),
    /** Key `regionId` + NUL + category (empty for any): the services available in the region, nearest its centroid first. */
    servicesInRegion: loaderByGroup(
      (keys) => servicesInRegions(db, keys.map(parseRegionKey)),
      (pair) => pair.key,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export function regionKey(regionId: string, category: string | undefined): string {
  return `${regionId}\u0000${category ?? ''}`;
}

function parseRegionKey(key: string): { key: string; regionId: string; category: string | undefined } {
  const [regionId = '', category = ''] = key.split('\u0000');
  return { key, regionId, category: category || undefined };
}

/**
 * One query for a whole list of regions: a service is available in a region when one of its areas
 * covers the region (an ancestor or the region itself) or lies inside it, so a district lists the
 * services of its communities too.
 */
async function servicesInRegions(
  db: Db,
  keys: { key: string; regionId: string; category: string | undefined }[],
): Promise<(ServiceNear & { key: string })[]> {
  const regions = new Map(
    (await db.region.findMany({ where: { id: { in: keys.map((key) => key.regionId) } } })).map((region) => [region.id, region]),
  );
  if (regions.size === 0) return [];
  const categories = keys.some((key) => !key.category) ? undefined : [...new Set(keys.map((key) => key.category as string))];
  const services = await db.neighbourService.findMany({
    where: {
      status: 'ACTIVE',
      ...(categories ? { category: { in: categories } } : {}),
      areas: {
        some: {
          OR: [
            { regionId: { in: [...new Set([...regions.values()].flatMap((region) => pathIds(region.path)))] } },
            ...[...regions.values()].map((region) => ({ regionPath: underPath(region.path) })),
          ],
        },
      },
    },
    include: { provider: { select: { lng: true, lat: true } }, areas: { select: { regionId: true, regionPath: true } } },
  });
  return keys.flatMap(({ key, regionId, category }) => {
    const region = regions.get(regionId);
    if (!region) return [];
    const centroid = { lng: region.centroidLng, lat: region.centroidLat };
    return services
      .filter((service) => !category || service.category === category)
      .filter((service) =>
        service.areas.some((area) => region.path.includes(`/${area.regionId}/`) || area.regionPath.startsWith(region.path)),
      )
      .map(({ provider, areas: _areas, ...service }) => ({ key, service, distanceMetres: distanceMetres(centroid, provider) }))
      .sort(nearestFirst);
  });
}

/** Nearest first; equal distances by id, so that pages are stable. */
export function nearestFirst(a: ServiceNear, b: ServiceNear): number {
  return a.distanceMetres - b.distanceMetres || (a.service.id < b.service.id ? -1 : a.service.id > b.service.id ? 1 : 0);
}
