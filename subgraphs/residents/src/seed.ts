import { insertRows, type City } from '@liangling/kit';
import type { Db } from './context';

/** Loads the city's places and people; one transaction, raw multi-row inserts. */
export async function seedResidents(db: Db, city: City): Promise<void> {
  await db.$transaction(async (tx) => {
    await insertRows(
      tx,
      'Region',
      city.regions.map((region) => {
        const [west, south, east, north] = region.bbox;
        return {
          id: region.id,
          level: region.level,
          name: region.name,
          parentId: region.parentId,
          path: `/${region.path.join('/')}/`,
          centroidLng: (west + east) / 2,
          centroidLat: (south + north) / 2,
          polygon: JSON.stringify({ type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] }),
        };
      }),
    );
    await insertRows(tx, 'Building', city.buildings.map((building) => ({ ...building })));
    await insertRows(tx, 'Household', city.households.map((household) => ({ ...household })));
    await insertRows(
      tx,
      'Resident',
      city.residents.map((resident) => ({ ...resident, regionPath: `/${resident.regionPath.join('/')}/` })),
    );
  }, { timeout: 600_000 });
}

export async function isResidentsEmpty(db: Db): Promise<boolean> {
  return (await db.region.count()) === 0;
}
