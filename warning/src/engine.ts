import { WarningRaiseAlertDocument, createClient, type LianglingClient, type WarningRaiseAlertMutation } from '@liangling/sdk/government';
import { deviceOffline, elderlyInactivity, petitionSurge, repeatedComplaints, sensorThreshold, waterLeak } from './evaluate';
import type { AlertCandidate } from './facts';
import {
  fetchCity,
  fetchOfflineDevices,
  fetchPetitions,
  fetchQuietWaterMeters,
  fetchRepairRequests,
  fetchRunningWaterMeters,
  fetchSensorReadings,
} from './fetch';
import { DEFAULT_RULES, type SensorThresholdRule, type WarningRules } from './rules';

/** The purpose the engine declares with every request (PIPL Art. 6); it grants SENSITIVE care flags to the service role. */
export const EARLY_WARNING_PURPOSE = 'early-warning';

export interface EngineOptions {
  /** The gateway's `/graphql`. */
  readonly gatewayUrl: string;
  /** A token of the `service` role with subject `early-warning` and purpose `early-warning`. */
  readonly token: string;
  /** Thresholds and windows. @default DEFAULT_RULES */
  readonly rules?: WarningRules;
  /** The moment the rules look back from. @default the system clock */
  readonly now?: Date;
  /** The fetch the SDK client uses (tests, proxies). @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

export type RaisedAlert = WarningRaiseAlertMutation['raiseAlert']['alert'] & { readonly dedupeKey: string };

/** A step that could not run (a department down, a refusal); the other steps ran. */
export interface EngineFailure {
  readonly step:
    'sensor-readings' | 'water-meters' | 'running-water' | 'offline-devices' | 'repair-requests' | 'petitions' | 'places' | 'raise';
  readonly message: string;
}

export interface EngineRun {
  /** Alerts this run raised for the first time. */
  readonly raised: readonly RaisedAlert[];
  /** Candidates whose alert existed already (same dedupe key): raised by an earlier run. */
  readonly alreadyRaised: number;
  /** Every candidate the rules produced. */
  readonly candidates: readonly AlertCandidate[];
  readonly failures: readonly EngineFailure[];
}

/**
 * One run of the early-warning engine (预警响应): reads what the rules need through the gateway as the
 * `service` identity, evaluates every enabled rule (pure functions of the facts), and raises each
 * candidate in the monitoring subgraph, idempotently on its dedupe key. A step that fails is reported in
 * `failures` and the rest still run: a department that is down delays its own rules only.
 */
export async function runEngine(options: EngineOptions): Promise<EngineRun> {
  const rules = options.rules ?? DEFAULT_RULES;
  const now = options.now ?? new Date();
  const client = createClient({
    url: options.gatewayUrl,
    token: options.token,
    purpose: EARLY_WARNING_PURPOSE,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const failures: EngineFailure[] = [];
  const step = async <T>(name: EngineFailure['step'], run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      failures.push({ step: name, message: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  };

  const candidates: AlertCandidate[] = [];
  const sensorRules = (
    [
      ['FIRE', rules.fire],
      ['GAS_LEAK', rules.gasLeak],
      ['ELEVATOR_TRAPPED', rules.elevatorTrapped],
    ] as const
  ).filter(([, rule]) => rule.enabled);
  if (sensorRules.length > 0) {
    const widest = Math.max(...sensorRules.map(([, rule]) => rule.windowMinutes));
    const lowest = Math.min(...sensorRules.map(([, rule]) => rule.threshold));
    const kinds = [...new Set(sensorRules.map(([, rule]: readonly [string, SensorThresholdRule]) => rule.deviceKind))];
    const readings = await step('sensor-readings', () =>
      fetchSensorReadings(client, kinds, new Date(now.getTime() - widest * 60_000), now, lowest),
    );
    if (readings) for (const [kind, rule] of sensorRules) candidates.push(...sensorThreshold(kind, rule, readings, now));
  }
  if (rules.elderlyInactivity.enabled) {
    const rule = rules.elderlyInactivity;
    const meters = await step('water-meters', () =>
      fetchQuietWaterMeters(client, new Date(now.getTime() - rule.windowHours * 3_600_000), now, rule.maxUsageLitres),
    );
    if (meters) candidates.push(...elderlyInactivity(rule, meters, now));
  }
  if (rules.waterLeak.enabled) {
    const rule = rules.waterLeak;
    const meters = await step('running-water', () =>
      fetchRunningWaterMeters(client, new Date(now.getTime() - rule.windowHours * 3_600_000), now, rule.minLitresPerReading),
    );
    if (meters) candidates.push(...waterLeak(rule, meters, now));
  }
  if (rules.deviceOffline.enabled) {
    const rule = rules.deviceOffline;
    const devices = await step('offline-devices', () =>
      fetchOfflineDevices(client, rule.deviceKinds, new Date(now.getTime() - rule.minutesSilent * 60_000)),
    );
    if (devices) candidates.push(...deviceOffline(rule, devices, now));
  }
  const cityRegionId =
    rules.repeatedComplaints.enabled || rules.petitionSurge.enabled ? await step('places', () => fetchCity(client)) : undefined;
  if (cityRegionId && rules.repeatedComplaints.enabled) {
    const rule = rules.repeatedComplaints;
    const requests = await step('repair-requests', () =>
      fetchRepairRequests(client, cityRegionId, rule.categories, new Date(now.getTime() - rule.windowHours * 3_600_000), now),
    );
    if (requests) candidates.push(...repeatedComplaints(rule, requests, now));
  }
  if (cityRegionId && rules.petitionSurge.enabled) {
    const rule = rules.petitionSurge;
    const petitions = await step('petitions', () =>
      fetchPetitions(client, cityRegionId, new Date(now.getTime() - rule.windowHours * 3_600_000), now),
    );
    if (petitions) candidates.push(...petitionSurge(rule, petitions, now, cityRegionId));
  }

  const raised: RaisedAlert[] = [];
  let alreadyRaised = 0;
  for (const candidate of candidates) {
    const result = await step('raise', () => raise(client, candidate));
    if (!result) continue;
    if (result.created) raised.push({ ...result.alert, dedupeKey: candidate.dedupeKey });
    else alreadyRaised += 1;
  }
  return { raised, alreadyRaised, candidates, failures };
}

async function raise(client: LianglingClient, candidate: AlertCandidate): Promise<WarningRaiseAlertMutation['raiseAlert']> {
  return (await client.request(WarningRaiseAlertDocument, { input: candidate })).raiseAlert;
}
