import { createHash } from 'node:crypto';
import type {
  AlertCandidate,
  OfflineDeviceFact,
  PetitionFact,
  RepairRequestFact,
  RunningWaterFact,
  SensorReadingFact,
  WaterMeterFact,
} from './facts';
import type {
  DeviceOfflineRule,
  ElderlyInactivityRule,
  PetitionSurgeRule,
  RepeatedComplaintsRule,
  SensorThresholdRule,
  WaterLeakRule,
} from './rules';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * The window a moment falls in, as the start of a fixed bucket of `length` ms since the epoch: the
 * "window" part of a dedupe key, so that re-running the engine inside one window raises nothing new.
 */
export function windowOf(at: Date, lengthMs: number): string {
  return new Date(Math.floor(at.getTime() / lengthMs) * lengthMs).toISOString();
}

/**
 * FIRE, GAS_LEAK, ELEVATOR_TRAPPED: a reading of the rule's kind of device at or above its threshold in
 * the last `windowMinutes`; one alert per device per window, on the highest such reading.
 */
export function sensorThreshold(
  kind: 'FIRE' | 'GAS_LEAK' | 'ELEVATOR_TRAPPED',
  rule: SensorThresholdRule,
  readings: readonly SensorReadingFact[],
  now: Date,
): AlertCandidate[] {
  if (!rule.enabled) return [];
  const since = now.getTime() - rule.windowMinutes * MINUTE;
  const worst = new Map<string, SensorReadingFact>();
  for (const reading of readings) {
    if (reading.deviceKind !== rule.deviceKind || reading.value < rule.threshold) continue;
    if (reading.at.getTime() < since || reading.at.getTime() > now.getTime()) continue;
    const key = `${reading.deviceId}|${windowOf(reading.at, rule.windowMinutes * MINUTE)}`;
    const seen = worst.get(key);
    if (!seen || reading.value > seen.value) worst.set(key, reading);
  }
  return [...worst.entries()].map(([key, reading]) => ({
    kind,
    severity: rule.severity,
    dedupeKey: `${kind}:${key}`,
    ...(reading.buildingId ? { buildingId: reading.buildingId } : { regionId: reading.gridId }),
    evidence: `${reading.deviceId} (${reading.deviceKind}) read ${reading.value} at ${reading.at.toISOString()}, at or above the threshold ${rule.threshold}.`,
    deviceIds: [reading.deviceId],
  }));
}

/**
 * ELDERLY_INACTIVITY: a household water meter that reported at least `minReadings` times in the window
 * but showed at most `maxUsageLitres` of use, where a member is elderly and lives alone. The evidence
 * is about that resident: personal, theirs.
 */
export function elderlyInactivity(rule: ElderlyInactivityRule, meters: readonly WaterMeterFact[], now: Date): AlertCandidate[] {
  if (!rule.enabled) return [];
  const window = windowOf(now, rule.windowHours * HOUR);
  return meters.flatMap((meter) => {
    if (meter.readings < rule.minReadings || meter.total > rule.maxUsageLitres) return [];
    // Flags the engine may not read come back null: no alert on a guess.
    return meter.members
      .filter((member) => member.elderly === true && member.livesAlone === true)
      .map((member) => ({
        kind: 'ELDERLY_INACTIVITY' as const,
        severity: rule.severity,
        dedupeKey: `ELDERLY_INACTIVITY:${member.id}:${window}`,
        householdId: meter.householdId,
        residentId: member.id,
        personalEvidence: `Resident ${member.id}, elderly and living alone: the household's water meter ${meter.deviceId} sent ${meter.readings} readings in the last ${rule.windowHours} h with ${meter.total} L used.`,
        deviceIds: [meter.deviceId],
      }));
  });
}

/** REPEATED_COMPLAINTS: at least `minRequests` requests of the rule's categories from one building in the window. */
export function repeatedComplaints(rule: RepeatedComplaintsRule, requests: readonly RepairRequestFact[], now: Date): AlertCandidate[] {
  if (!rule.enabled) return [];
  const since = now.getTime() - rule.windowHours * HOUR;
  const byBuilding = new Map<string, RepairRequestFact[]>();
  for (const request of requests) {
    if (!rule.categories.includes(request.category)) continue;
    if (request.createdAt.getTime() < since || request.createdAt.getTime() > now.getTime()) continue;
    byBuilding.set(request.buildingId, [...(byBuilding.get(request.buildingId) ?? []), request]);
  }
  const window = windowOf(now, rule.windowHours * HOUR);
  return [...byBuilding.entries()]
    .filter(([, found]) => found.length >= rule.minRequests)
    .map(([buildingId, found]) => {
      const categories = [...new Set(found.map((request) => request.category))].sort();
      return {
        kind: 'REPEATED_COMPLAINTS' as const,
        severity: rule.severity,
        dedupeKey: `REPEATED_COMPLAINTS:${buildingId}:${window}`,
        buildingId,
        evidence: `${found.length} repair requests (${categories.join(', ')}) from building ${buildingId} in the last ${rule.windowHours} h.`,
        requestIds: found.map((request) => request.id).sort(),
      };
    });
}

/**
 * PETITION_SURGE: at least `minPetitions` petitions on one subject (compared trimmed and case-folded)
 * from one street in the window: petitions from different streets never add up. Petitions whose street
 * is unknown (no registered home) count together, city-wide. A subject is the
 * petitioner's personal data, so neither the evidence nor the dedupe key carries it: staff follow the
 * petition ids into the petitions office, which decides who may read them.
 */
export function petitionSurge(
  rule: PetitionSurgeRule,
  petitions: readonly PetitionFact[],
  now: Date,
  cityRegionId: string,
): AlertCandidate[] {
  if (!rule.enabled) return [];
  const since = now.getTime() - rule.windowHours * HOUR;
  const groups = new Map<string, { regionId: string; petitions: PetitionFact[] }>();
  for (const petition of petitions) {
    if (!petition.subject) continue;
    if (petition.receivedAt.getTime() < since || petition.receivedAt.getTime() > now.getTime()) continue;
    const regionId = petition.streetId ?? cityRegionId;
    const key = `${regionId}|${petition.subject.trim().toLowerCase()}`;
    const group = groups.get(key) ?? { regionId, petitions: [] };
    group.petitions.push(petition);
    groups.set(key, group);
  }
  const window = windowOf(now, rule.windowHours * HOUR);
  return [...groups.entries()]
    .filter(([, group]) => group.petitions.length >= rule.minPetitions)
    .map(([key, group]) => ({
      kind: 'PETITION_SURGE' as const,
      severity: rule.severity,
      dedupeKey: `PETITION_SURGE:${createHash('sha256').update(key).digest('hex').slice(0, 24)}:${window}`,
      regionId: group.regionId,
      evidence: `${group.petitions.length} petitions on one subject in ${group.regionId} in the last ${rule.windowHours} h.`,
      petitionIds: group.petitions.map((petition) => petition.id).sort(),
    }));
}

/**
 * DEVICE_OFFLINE: a device of a watched kind that the heartbeat sweep marked OFFLINE and that has been
 * silent for more than `minutesSilent`. One alert per outage: the key carries the last reading's time,
 * so a device that comes back and fails again alerts again.
 */
export function deviceOffline(rule: DeviceOfflineRule, devices: readonly OfflineDeviceFact[], now: Date): AlertCandidate[] {
  if (!rule.enabled) return [];
  const cutoff = now.getTime() - rule.minutesSilent * MINUTE;
  return devices
    .filter(
      (device) => rule.deviceKinds.includes(device.deviceKind) && (device.lastSeenAt === null || device.lastSeenAt.getTime() < cutoff),
    )
    .map((device) => {
      const since = device.lastSeenAt ? device.lastSeenAt.toISOString() : 'never';
      const silent = device.lastSeenAt
        ? `silent since ${since} (${Math.floor((now.getTime() - device.lastSeenAt.getTime()) / MINUTE)} min)`
        : 'never heard from';
      return {
        kind: 'DEVICE_OFFLINE' as const,
        severity: rule.severity,
        dedupeKey: `DEVICE_OFFLINE:${device.deviceId}:${since}`,
        ...(device.buildingId ? { buildingId: device.buildingId } : { regionId: device.gridId }),
        evidence: `${device.deviceId} (${device.deviceKind}) is OFFLINE, ${silent}: longer than ${rule.minutesSilent} min.`,
        deviceIds: [device.deviceId],
      };
    });
}

/**
 * WATER_LEAK: a household water meter that sent at least `minReadings` readings in the last
 * `windowHours`, every one of them at least `minLitresPerReading`: water ran the whole time, nights
 * included. One alert per meter per window. The evidence names the meter, not who lives there.
 */
export function waterLeak(rule: WaterLeakRule, meters: readonly RunningWaterFact[], now: Date): AlertCandidate[] {
  if (!rule.enabled) return [];
  const window = windowOf(now, rule.windowHours * HOUR);
  return meters
    .filter((meter) => meter.readings >= rule.minReadings && meter.lowest >= rule.minLitresPerReading)
    .map((meter) => ({
      kind: 'WATER_LEAK' as const,
      severity: rule.severity,
      dedupeKey: `WATER_LEAK:${meter.deviceId}:${window}`,
      householdId: meter.householdId,
      evidence: `Water meter ${meter.deviceId} sent ${meter.readings} readings in the last ${rule.windowHours} h, none under ${rule.minLitresPerReading} L (lowest ${meter.lowest} L, ${meter.total} L in all): the water never stopped.`,
      deviceIds: [meter.deviceId],
    }));
}
