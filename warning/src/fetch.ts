import {
  WarningBuildingRequestsDocument,
  WarningGridsDocument,
  WarningPetitionsDocument,
  WarningQuietWaterMetersDocument,
  WarningSensorReadingsDocument,
  isMasked,
  paginate,
  type LianglingClient,
  type Schema,
} from '@liangling/sdk/government';
import type { PetitionFact, RepairRequestFact, SensorReadingFact, WaterMeterFact } from './facts';

// Each fetch reads through the gateway like any other caller (and is audited like one), and returns
// plain facts for the rules. They throw the SDK's typed errors; the engine records them per step.

const PAGE = 200;

/** Readings of the given kinds at or above `atLeast` in [from, now]. */
export async function fetchSensorReadings(client: LianglingClient, kinds: Schema.DeviceKind[], from: Date, now: Date, atLeast: number): Promise<SensorReadingFact[]> {
  const { deviceReadings } = await client.request(WarningSensorReadingsDocument, { kinds, from: from.toISOString(), to: justAfter(now), atLeast });
  return (deviceReadings ?? []).flatMap((reading) => {
    const place = reading.device.place;
    if (!place) return [];
    return [{ deviceId: reading.device.id, deviceKind: reading.device.kind, at: new Date(reading.at), value: reading.value, buildingId: place.building?.id ?? null, gridId: place.grid.id }];
  });
}

/**
 * Household water meters that reported in [from, now] with at most `totalAtMost` litres used, with the
 * household's members and their care flags, fused by the gateway from monitoring and residents.
 */
export async function fetchQuietWaterMeters(client: LianglingClient, from: Date, now: Date, totalAtMost: number): Promise<WaterMeterFact[]> {
  const { deviceUsage } = await client.request(WarningQuietWaterMetersDocument, { from: from.toISOString(), to: justAfter(now), totalAtMost });
  return (deviceUsage ?? []).flatMap((usage) => {
    const household = usage.device.place?.household;
    if (!household) return [];
    return [{ deviceId: usage.device.id, householdId: household.id, readings: usage.readings, total: usage.total, members: household.members ?? [] }];
  });
}

/**
 * Repair requests of every building of the city, walking grid by grid. The requests subgraph offers
 * only `Building.openRequests` (requests still being handled) today; the query this rule needs is
 * "requests of these categories created in [from, to), with their building" (see warning/README.md).
 */
export async function fetchBuildingRequests(client: LianglingClient, gridIds: readonly string[], since: Date): Promise<RepairRequestFact[]> {
  const facts: RepairRequestFact[] = [];
  for (const gridId of gridIds) {
    for await (const building of paginate(client, WarningBuildingRequestsDocument, { regionId: gridId, first: PAGE }, (data) => data.region?.buildings)) {
      for (const request of building.openRequests) {
        const createdAt = new Date(request.createdAt);
        if (createdAt >= since) facts.push({ id: request.id, category: request.category, createdAt, buildingId: building.id });
      }
    }
  }
  return facts;
}

/**
 * Petitions received since `since`, newest first, paging until one is older. The petitions subgraph does
 * not yet say where a petition is about, so `streetId` is null (see warning/README.md).
 */
export async function fetchPetitions(client: LianglingClient, since: Date): Promise<PetitionFact[]> {
  const facts: PetitionFact[] = [];
  for await (const petition of paginate(client, WarningPetitionsDocument, { first: PAGE }, (data) => data.petitions)) {
    const receivedAt = new Date(petition.receivedAt);
    // Newest first: the first older one ends the window (and the paging).
    if (receivedAt < since) break;
    // A masked subject ('***') would pool unrelated petitions: treat it as unknown.
    const subject = petition.subject && !isMasked(petition.subject, 'Petition.subject') ? petition.subject : null;
    facts.push({ id: petition.id, subject, receivedAt, streetId: null });
  }
  return facts;
}

/** The city's region (where an alert without a smaller place goes) and every grid of it. */
export async function fetchPlaces(client: LianglingClient): Promise<{ cityRegionId: string; gridIds: string[] }> {
  const { city, regions } = await client.request(WarningGridsDocument);
  const [first] = city;
  if (!first) throw new Error('The graph has no region of level CITY.');
  return { cityRegionId: first.id, gridIds: regions.map((grid) => grid.id) };
}

/** `to` bounds are exclusive: one millisecond after `now` takes readings made at `now`. */
function justAfter(now: Date): string {
  return new Date(now.getTime() + 1).toISOString();
}
