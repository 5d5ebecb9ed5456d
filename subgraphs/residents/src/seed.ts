import { randomBytes } from 'node:crypto';
import { bulkLoad, type City, insertRows, joinPath } from '@liangling/kit';
import type { Db } from './context';

/** Rows mapped and inserted at a time, so that a city of millions never holds a second copy of itself. */
const SLICE = 50_000;

/** Loads the city's places and people and their precomputed statistics, in one bulk load. */
export async function seedResidents(db: Db, city: City): Promise<void> {
  const gridPaths = new Map(city.regions.map((region) => [region.id, joinPath(region.path)]));
  const pathOfGrid = (gridId: string) => gridPaths.get(gridId) ?? '';
  await bulkLoad(db, async (tx) => {
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
          path: joinPath(region.path),
          centroidLng: round((west + east) / 2),
          centroidLat: round((south + north) / 2),
          polygon: JSON.stringify({
            type: 'Polygon',
            coordinates: [
              [
                [west, south],
                [east, south],
                [east, north],
                [west, north],
                [west, south],
              ],
            ],
          }),
        };
      }),
    );
    await insertSliced(tx, 'Building', city.buildings, (building) => ({ ...building, regionPath: pathOfGrid(building.gridId) }));
    await insertSliced(tx, 'Household', city.households, (household) => ({ ...household, regionPath: pathOfGrid(household.gridId) }));
    await insertSliced(tx, 'Resident', city.residents, (resident) => ({ ...resident, regionPath: joinPath(resident.regionPath) }));
    await insertRows(tx, 'RegionStats', cityStatistics(city));
    await insertRows(tx, 'StatsKey', [{ id: 1, salt: randomBytes(32).toString('hex') }]);
  });
}

/** The rows `seedResidents` writes: places, people and each region's statistics. */
export function residentsSeedRows(city: City): number {
  return 2 * city.regions.length + city.buildings.length + city.households.length + city.residents.length + 1;
}

/** Every region's statistics, counted once from the city as it is seeded. */
export function cityStatistics(city: City): Record<string, unknown>[] {
  const regionPaths = new Map(city.regions.map((region) => [region.id, region.path]));
  const stats = new Map(
    city.regions.map((region) => [
      region.id,
      { population: 0, households: 0, buildings: 0, elderlyLivingAlone: 0, birthYears: {} as Record<string, number> },
    ]),
  );
  const occupied = new Set<string>();
  const householdGrid = new Map(city.households.map((household) => [household.id, household.gridId]));
  for (const building of city.buildings) {
    for (const regionId of regionPaths.get(building.gridId) ?? []) stats.get(regionId)!.buildings += 1;
  }
  for (const resident of city.residents) {
    const year = resident.birthDate.slice(0, 4);
    const firstInHousehold = !occupied.has(resident.householdId);
    occupied.add(resident.householdId);
    for (const regionId of resident.regionPath) {
      const entry = stats.get(regionId)!;
      entry.population += 1;
      if (firstInHousehold && householdGrid.has(resident.householdId)) entry.households += 1;
      if (resident.elderly && resident.livesAlone) entry.elderlyLivingAlone += 1;
      entry.birthYears[year] = (entry.birthYears[year] ?? 0) + 1;
    }
  }
  return [...stats].map(([regionId, entry]) => ({ regionId, ...entry, birthYears: JSON.stringify(entry.birthYears) }));
}

async function insertSliced<T>(
  tx: Parameters<typeof insertRows>[0],
  table: string,
  items: readonly T[],
  toRow: (item: T) => Record<string, unknown>,
): Promise<void> {
  for (let start = 0; start < items.length; start += SLICE) await insertRows(tx, table, items.slice(start, start + SLICE).map(toRow));
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export async function isResidentsEmpty(db: Db): Promise<boolean> {
  return (await db.region.count()) === 0;
}
