import {
  WarningCityDocument,
  WarningOfflineDevicesDocument,
  WarningPetitionsDocument,
  WarningQuietWaterMetersDocument,
  WarningRepairRequestsDocument,
  WarningRunningWaterMetersDocument,
  WarningSensorReadingsDocument,
  isMasked,
  paginate,
  type LianglingClient,
  type Schema,
} from '@liangling/sdk/government';
import type { OfflineDeviceFact, PetitionFact, RepairRequestFact, RunningWaterFact, SensorReadingFact, WaterMeterFact } from './facts';

// Each fetch reads through the gateway like any other caller (and is audited like one), and returns
// plain facts for the rules. They throw the SDK's typed errors; the engine records them per step.

const PAGE = 200;

/** Readings of the given kinds at or above `atLeast` in [from, now]. */
export async function fetchSensorReadings(
  client: LianglingClient,
  kinds: Schema.DeviceKind[],
  from: Date,
  now: Date,
  atLeast: number,
): Promise<SensorReadingFact[]> {
  const { deviceReadings } = await client.request(WarningSensorReadingsDocument, {
    kinds,
    from: from.toISOString(),
    to: justAfter(now),
    atLeast,
  });
  return (deviceReadings ?? []).flatMap((reading) => {
    const place = reading.device.place;
    if (!place) return [];
    return [
      {
        deviceId: reading.device.id,
        deviceKind: reading.device.kind,
        at: new Date(reading.at),
        value: reading.value,
        buildingId: place.building?.id ?? null,
        gridId: place.grid.id,
      },
    ];
  });
}

/**
 * Household water meters that reported in [from, now] with at most `totalAtMost` litres used, with the
 * household's members and their care flags, fused by the gateway from monitoring and residents.
 */
export async function fetchQuietWaterMeters(
  client: LianglingClient,
  from: Date,
  now: Date,
  totalAtMost: number,
): Promise<WaterMeterFact[]> {
  const { deviceUsage } = await client.request(WarningQuietWaterMetersDocument, {
    from: from.toISOString(),
    to: justAfter(now),
    totalAtMost,
  });
  return (deviceUsage ?? []).flatMap((usage) => {
    const household = usage.device.place?.household;
    if (!household) return [];
    return [
      {
        deviceId: usage.device.id,
        householdId: household.id,
        readings: usage.readings,
        total: usage.total,
        members: household.members ?? [],
      },
    ];
  });
}

/**
 * Requests of the given categories made in the city in [from, now], with their building; requests
 * placed at no building (the resident did not say) cannot make a building's complaints and are left out.
 */
export async function fetchRepairRequests(
  client: LianglingClient,
  cityRegionId: string,
  categories: readonly Schema.RepairCategory[],
  from: Date,
  now: Date,
): Promise<RepairRequestFact[]> {
  const facts: RepairRequestFact[] = [];
  const variables = { regionId: cityRegionId, categories: [...categories], from: from.toISOString(), to: justAfter(now), first: PAGE };
  for await (const request of paginate(client, WarningRepairRequestsDocument, variables, (data) => data.repairRequests)) {
    const buildingId = request.building?.id;
    if (buildingId) facts.push({ id: request.id, category: request.category, createdAt: new Date(request.createdAt), buildingId });
  }
  return facts;
}

/** Petitions received in the city in [from, now], each with the street it comes from. */
export async function fetchPetitions(client: LianglingClient, cityRegionId: string, from: Date, now: Date): Promise<PetitionFact[]> {
  const facts: PetitionFact[] = [];
  const variables = { regionId: cityRegionId, from: from.toISOString(), to: justAfter(now), first: PAGE };
  for await (const petition of paginate(client, WarningPetitionsDocument, variables, (data) => data.petitions)) {
    // A masked subject ('***') would pool unrelated petitions: treat it as unknown.
    const subject = petition.subject && !isMasked(petition.subject, 'Petition.subject') ? petition.subject : null;
    facts.push({ id: petition.id, subject, receivedAt: new Date(petition.receivedAt), streetId: petition.region?.id ?? null });
  }
  return facts;
}

/** Devices of the given kinds the heartbeat sweep marked OFFLINE whose last reading is older than `silentSince`. */
export async function fetchOfflineDevices(
  client: LianglingClient,
  kinds: readonly Schema.DeviceKind[],
  silentSince: Date,
): Promise<OfflineDeviceFact[]> {
  const facts: OfflineDeviceFact[] = [];
  const variables = { kinds: [...kinds], lastSeenBefore: silentSince.toISOString(), first: PAGE };
  for await (const device of paginate(client, WarningOfflineDevicesDocument, variables, (data) => data.devices)) {
    const place = device.place;
    if (!place) continue;
    facts.push({
      deviceId: device.id,
      deviceKind: device.kind,
      lastSeenAt: device.lastSeenAt ? new Date(device.lastSeenAt) : null,
      buildingId: place.building?.id ?? null,
      gridId: place.grid.id,
    });
  }
  return facts;
}

/** Household water meters whose every reading in [from, now] is at least `lowestAtLeast` litres. */
export async function fetchRunningWaterMeters(
  client: LianglingClient,
  from: Date,
  now: Date,
  lowestAtLeast: number,
): Promise<RunningWaterFact[]> {
  const { deviceUsage } = await client.request(WarningRunningWaterMetersDocument, {
    from: from.toISOString(),
    to: justAfter(now),
    lowestAtLeast,
  });
  return (deviceUsage ?? []).flatMap((usage) => {
    const household = usage.device.place?.household;
    if (!household) return [];
    return [{ deviceId: usage.device.id, householdId: household.id, readings: usage.readings, lowest: usage.lowest, total: usage.total }];
  });
}

/** The city's region: the rules read its requests and petitions, and an alert without a smaller place goes there. */
export async function fetchCity(client: LianglingClient): Promise<string> {
  const { regions } = await client.request(WarningCityDocument);
  const [city] = regions;
  if (!city) throw new Error('The graph has no region of level CITY.');
  return city.id;
}

/** `to` bounds are exclusive: one millisecond after `now` takes readings made at `now`. */
function justAfter(now: Date): string {
  return new Date(now.getTime() + 1).toISOString();
}
