import { bulkLoad, type City, type CityRegion, insertRows, joinPath, Random } from '@liangling/kit';
import type { Db } from './context';
import { DeviceKind } from './enums';
import { sqlTime } from './sql-time';

/**
 * The synthetic city's buildings are low (up to nine floors); a building of this many floors or more
 * stands in for the seven-storey rule that requires a lift.
 */
const LIFT_FLOORS = 3;
/**
 * Hours of water-meter history seeded before the seeding time: the longest window an early-warning
 * rule reads of that meter, and two more, so the window is full at any minute of the first hours after
 * seeding. Elderly inactivity (24 h) reads the meters of homes where an elderly resident lives alone;
 * a leak (12 h) reads every meter. At a million residents every hour of every meter is 445,000 rows.
 */
const METER_HISTORY_HOURS = { elderlyAlone: 26, other: 14 } as const;

interface SeedDevice {
  id: string;
  kind: DeviceKind;
  buildingId: string | null;
  householdId: string | null;
  regionPath: string;
  streamAddress: string | null;
  status: string;
  lastSeenAt: string;
  installedAt: string;
}

/**
 * Devices of the city: a camera, a smoke sensor and a gas detector in every building, a lift in every
 * tall one, a water meter per household and a manhole per grid. Ids are derived from the place so that
 * other systems (the device gateway) can address them: `smoke-b-000001`, `wm-h-0000001`. One at a
 * time: at a million residents they are 600,000.
 */
export function* cityDevices(city: City, installedAt: Date, lastSeenAt: Date): Generator<SeedDevice> {
  const grids = new Map(city.regions.map((region) => [region.id, region]));
  const pathOfGrid = (gridId: string) => joinPath((grids.get(gridId) as CityRegion).path);
  const topFloor = new Map<string, number>();
  for (const household of city.households) {
    topFloor.set(household.buildingId, Math.max(topFloor.get(household.buildingId) ?? 0, Number(household.room.slice(0, -2)) || 1));
  }
  const device = (
    id: string,
    kind: DeviceKind,
    place: { buildingId?: string; householdId?: string; gridId: string },
    streamAddress: string | null = null,
  ): SeedDevice => ({
    id,
    kind,
    buildingId: place.buildingId ?? null,
    householdId: place.householdId ?? null,
    regionPath: pathOfGrid(place.gridId),
    streamAddress,
    status: 'ONLINE',
    lastSeenAt: sqlTime(lastSeenAt),
    installedAt: sqlTime(installedAt),
  });
  for (const building of city.buildings) {
    const place = { buildingId: building.id, gridId: building.gridId };
    yield device(`cam-${building.id}`, DeviceKind.CAMERA, place, `rtsp://video.emergency.shenyang.internal/${building.id}/entrance`);
    yield device(`smoke-${building.id}`, DeviceKind.SMOKE_SENSOR, place);
    yield device(`gas-${building.id}`, DeviceKind.GAS_DETECTOR, place);
    if ((topFloor.get(building.id) ?? 0) >= LIFT_FLOORS) yield device(`lift-${building.id}`, DeviceKind.ELEVATOR, place);
  }
  for (const household of city.households) {
    yield device(`wm-${household.id}`, DeviceKind.WATER_METER, {
      buildingId: household.buildingId,
      householdId: household.id,
      gridId: household.gridId,
    });
  }
  for (const grid of city.regions) if (grid.level === 'GRID') yield device(`mh-${grid.id}`, DeviceKind.MANHOLE, { gridId: grid.id });
}

/**
 * What the demo shows when `npm start` runs the early-warning engine once: a smoke sensor over the fire
 * threshold, a gas detector over the leak threshold, a lift stopped with someone inside, an elderly
 * resident living alone whose meter has shown no use for over a day, a household whose water has
 * run without a stop for 14 hours (a leak), and a smoke sensor silent for three hours (OFFLINE). Every
 * other meter shows use at least every six hours, and stops now and then, so no other household alerts.
 */
export function demoScenario(city: City): {
  fireBuilding?: string;
  gasBuilding?: string;
  quietHousehold?: string;
  offlineDevice?: string;
  leakingHousehold?: string;
} {
  const occupants = new Map<string, number>();
  for (const resident of city.residents) occupants.set(resident.householdId, (occupants.get(resident.householdId) ?? 0) + 1);
  const quiet = city.residents.find((resident) => resident.elderly && resident.livesAlone && occupants.get(resident.householdId) === 1);
  const [fire, gas, silent] = city.buildings;
  // The last household: far from the first ones, which the other demos and the tests use.
  const leaking = city.households.at(-1);
  return {
    fireBuilding: fire?.id,
    gasBuilding: gas?.id,
    quietHousehold: quiet?.householdId,
    offlineDevice: silent ? `smoke-${silent.id}` : undefined,
    leakingHousehold: leaking && leaking.id !== quiet?.householdId ? leaking.id : undefined,
  };
}

/** Hours the demo's leaking meter has shown water running, and how much an hour: over the early-warning rule's 12 h. */
const LEAK_HOURS = 14;
const LEAK_LITRES = 30;
/** How long the demo's offline smoke sensor has been silent: over the early-warning rule's two hours. */
const OFFLINE_MINUTES = 180;

/** Readings drawn before they (and their devices) are written: a city's meters never sit in memory at once. */
const READINGS_PER_FLUSH = 20_000;

/** Devices, their recent readings and the read model of places; one transaction. Readings end at the seeding time. */
export async function seedMonitoring(db: Db, city: City): Promise<void> {
  const now = new Date();
  const installedAt = new Date('2025-06-01T00:00:00Z');
  const demo = demoScenario(city);
  const elderlyAlone = new Set(
    city.residents.filter((resident) => resident.elderly && resident.livesAlone).map((resident) => resident.householdId),
  );
  await bulkLoad(db, async (tx) => {
    await insertRows(
      tx,
      'Region',
      city.regions.map((region) => ({ id: region.id, level: region.level, parentId: region.parentId, path: joinPath(region.path) })),
    );
    const regions = new Map(city.regions.map((region) => [region.id, region]));
    const gridPath = (gridId: string) => joinPath((regions.get(gridId) as CityRegion).path);
    await insertRows(
      tx,
      'Building',
      city.buildings.map((building) => ({ id: building.id, gridId: building.gridId, regionPath: gridPath(building.gridId) })),
    );
    await insertRows(
      tx,
      'Household',
      city.households.map((household) => ({
        id: household.id,
        buildingId: household.buildingId,
        regionPath: gridPath(household.gridId),
      })),
    );
    // Devices and their readings written as they are drawn, in a fixed order (the same city every time):
    // at a million residents the meters' hours (METER_HISTORY_HOURS) are 6.6 million rows.
    const devices: SeedDevice[] = [];
    function* drawnDevices(): Generator<SeedDevice> {
      for (const device of cityDevices(city, installedAt, now)) {
        // Silent for longer than its heartbeat: the sweep found it so and marked it OFFLINE.
        if (device.id === demo.offlineDevice) {
          device.status = 'OFFLINE';
          device.lastSeenAt = sqlTime(offlineSince(now));
        }
        devices.push(device);
        yield device;
      }
    }
    let readings: { deviceId: string; at: string; value: number; receivedAt: string }[] = [];
    const flush = async () => {
      await insertRows(tx, 'Device', devices.splice(0) as unknown as Record<string, unknown>[]);
      await insertRows(tx, 'Reading', readings);
      readings = [];
    };
    for (const batch of drawReadings(drawnDevices(), demo, elderlyAlone, now)) {
      readings.push(...batch);
      if (readings.length >= READINGS_PER_FLUSH) await flush();
    }
    await flush();
  });
}

/** About the rows `seedMonitoring` writes: places, devices (three or four a building, a meter a household, a manhole a grid) and their readings. */
export function monitoringSeedRows(city: City): number {
  const grids = city.regions.filter((region) => region.level === 'GRID').length;
  const elderlyAlone = new Set(
    city.residents.filter((resident) => resident.elderly && resident.livesAlone).map((resident) => resident.householdId),
  ).size;
  const otherDevices = 4 * city.buildings.length + grids;
  const devices = otherDevices + city.households.length;
  const readings =
    otherDevices +
    METER_HISTORY_HOURS.other * city.households.length +
    (METER_HISTORY_HOURS.elderlyAlone - METER_HISTORY_HOURS.other) * elderlyAlone;
  return city.regions.length + city.buildings.length + city.households.length + devices + readings;
}

const offlineSince = (now: Date) => new Date(now.getTime() - OFFLINE_MINUTES * 60_000);

/** Each device's seeded readings in turn (a device's rows at a time), with the demo's anomalies. */
function* drawReadings(
  devices: Iterable<SeedDevice>,
  demo: ReturnType<typeof demoScenario>,
  elderlyAlone: ReadonlySet<string>,
  now: Date,
): Generator<{ deviceId: string; at: string; value: number; receivedAt: string }[]> {
  const random = new Random(4006);
  const hour = 3_600_000;
  let readings: { deviceId: string; at: string; value: number; receivedAt: string }[] = [];
  // Every meter reads at the same hours: their text, and the seeding time's, made once.
  const receivedAt = sqlTime(now);
  const base = new Date(Math.floor(now.getTime() / hour) * hour);
  const hoursAgo = Array.from({ length: METER_HISTORY_HOURS.elderlyAlone + 1 }, (_, h) => sqlTime(new Date(base.getTime() - h * hour)));
  const reading = (deviceId: string, at: Date | string, value: number) =>
    readings.push({ deviceId, at: typeof at === 'string' ? at : sqlTime(at), value, receivedAt });
  let trappedShown = false;
  for (const device of devices) {
    if (device.kind === DeviceKind.WATER_METER) {
      const quiet = device.householdId === demo.quietHousehold;
      const phase = random.int(0, 5);
      const hours = elderlyAlone.has(device.householdId ?? '') ? METER_HISTORY_HOURS.elderlyAlone : METER_HISTORY_HOURS.other;
      for (let h = hours; h >= 1; h -= 1) {
        const used = !quiet && (h % 6 === phase || random.chance(0.3));
        const value = used ? random.int(5, 80) : 0;
        // The leak overrides after the draws, so that every other meter reads as it would without it.
        const leaking = device.householdId === demo.leakingHousehold && h <= LEAK_HOURS;
        reading(device.id, hoursAgo[h]!, leaking ? LEAK_LITRES : value);
      }
    } else {
      // One recent heartbeat each, so every device starts ONLINE with a reading behind it.
      let value = baseline(device.kind, random);
      if (device.id === `smoke-${demo.fireBuilding}`) value = 14.5;
      if (device.id === `gas-${demo.gasBuilding}`) value = 38;
      if (device.kind === DeviceKind.ELEVATOR && !trappedShown) {
        value = 2;
        trappedShown = true;
      }
      if (device.id === demo.offlineDevice) {
        reading(device.id, offlineSince(now), value);
      } else {
        reading(device.id, new Date(now.getTime() - 10 * 60_000), value);
      }
    }
    yield readings;
    readings = [];
  }
}

/** An ordinary value of each kind: quiet air, a still frame, a lift in service, a dry manhole. */
function baseline(kind: DeviceKind, random: Random): number {
  switch (kind) {
    case DeviceKind.SMOKE_SENSOR:
      return random.int(0, 8) / 10;
    case DeviceKind.GAS_DETECTOR:
      return random.int(0, 3);
    case DeviceKind.CAMERA:
      return random.int(0, 40) / 100;
    case DeviceKind.MANHOLE:
      return random.int(5, 30);
    default:
      return 0;
  }
}

export async function isMonitoringEmpty(db: Db): Promise<boolean> {
  return (await db.region.count()) === 0;
}
