import type { Schema } from '@liangling/sdk/government';

export type Severity = Schema.AlertSeverity;

/** Common to every rule. */
export interface RuleBase {
  /** A disabled rule fetches nothing and raises nothing. @default true */
  readonly enabled: boolean;
  readonly severity: Severity;
}

/** A device reading at or above a threshold: FIRE (smoke), GAS_LEAK (gas), ELEVATOR_TRAPPED (lift state). */
export interface SensorThresholdRule extends RuleBase {
  readonly deviceKind: Schema.DeviceKind;
  /** In the unit of the device's kind (%obs/m for smoke, %LEL for gas, state 2 for a stopped lift). */
  readonly threshold: number;
  /** How far back readings are looked at; also the dedupe window: one alert per device per window. */
  readonly windowMinutes: number;
}

/** An elderly resident living alone whose household's water meter reports but shows no use. */
export interface ElderlyInactivityRule extends RuleBase {
  readonly windowHours: number;
  /** Litres used in the window at or below which the household counts as inactive. */
  readonly maxUsageLitres: number;
  /** Readings the meter must have sent in the window: a silent meter is a device fault, not inactivity. */
  readonly minReadings: number;
}

/** Many repair requests of some categories from one building in a window. */
export interface RepeatedComplaintsRule extends RuleBase {
  readonly categories: readonly Schema.RepairCategory[];
  readonly minRequests: number;
  readonly windowHours: number;
}

/** A device the heartbeat sweep marked OFFLINE and silent for longer than a threshold. */
export interface DeviceOfflineRule extends RuleBase {
  /** Kinds watched: those whose silence is a risk (a dead smoke sensor), not every household meter. */
  readonly deviceKinds: readonly Schema.DeviceKind[];
  /** Minutes since its last reading after which an OFFLINE device is alerted on. */
  readonly minutesSilent: number;
}

/** A water meter showing a continuous flow over a threshold for hours: a leak (or a tap left running). */
export interface WaterLeakRule extends RuleBase {
  /** How far back readings are looked at: the flow must not stop in all that time. */
  readonly windowHours: number;
  /** Litres per reading (a meter reports hourly) at or above which water counts as running. */
  readonly minLitresPerReading: number;
  /** Readings the meter must have sent in the window, every one of them at or above the flow: a continuous record, not a gap. */
  readonly minReadings: number;
}

/** Many petitions on one subject (in one street, where the street is known) in a window. */
export interface PetitionSurgeRule extends RuleBase {
  readonly minPetitions: number;
  readonly windowHours: number;
}

/** Every rule the engine runs, with its thresholds and windows: data, not code. */
export interface WarningRules {
  readonly fire: SensorThresholdRule;
  readonly gasLeak: SensorThresholdRule;
  readonly elevatorTrapped: SensorThresholdRule;
  readonly elderlyInactivity: ElderlyInactivityRule;
  readonly repeatedComplaints: RepeatedComplaintsRule;
  readonly petitionSurge: PetitionSurgeRule;
  readonly deviceOffline: DeviceOfflineRule;
  readonly waterLeak: WaterLeakRule;
}

/** The city's defaults. Thresholds follow common practice for household detectors (GB 4715, GB 15322). */
export const DEFAULT_RULES: WarningRules = {
  fire: { enabled: true, severity: 'CRITICAL', deviceKind: 'SMOKE_SENSOR', threshold: 8, windowMinutes: 30 },
  gasLeak: { enabled: true, severity: 'CRITICAL', deviceKind: 'GAS_DETECTOR', threshold: 20, windowMinutes: 30 },
  elevatorTrapped: { enabled: true, severity: 'HIGH', deviceKind: 'ELEVATOR', threshold: 2, windowMinutes: 30 },
  elderlyInactivity: { enabled: true, severity: 'HIGH', windowHours: 24, maxUsageLitres: 0, minReadings: 12 },
  repeatedComplaints: { enabled: true, severity: 'MEDIUM', categories: ['HEATING', 'WATER'], minRequests: 3, windowHours: 24 },
  petitionSurge: { enabled: true, severity: 'MEDIUM', minPetitions: 5, windowHours: 72 },
  // Life-safety devices: two hours is twice the longest heartbeat among them (smoke and gas: 60 min).
  deviceOffline: { enabled: true, severity: 'LOW', deviceKinds: ['SMOKE_SENSOR', 'GAS_DETECTOR', 'ELEVATOR'], minutesSilent: 120 },
  // A meter reports hourly: 11 readings of at least 10 L in 12 h is water running all the time, night included.
  waterLeak: { enabled: true, severity: 'MEDIUM', windowHours: 12, minLitresPerReading: 10, minReadings: 11 },
};

/** Overrides of some fields of some rules. */
export type RuleOverrides = { readonly [Name in keyof WarningRules]?: Partial<WarningRules[Name]> };

/** The defaults with the given fields replaced: `withRules({ fire: { threshold: 5 } })`. */
export function withRules(overrides: RuleOverrides = {}, base: WarningRules = DEFAULT_RULES): WarningRules {
  return {
    fire: { ...base.fire, ...overrides.fire },
    gasLeak: { ...base.gasLeak, ...overrides.gasLeak },
    elevatorTrapped: { ...base.elevatorTrapped, ...overrides.elevatorTrapped },
    elderlyInactivity: { ...base.elderlyInactivity, ...overrides.elderlyInactivity },
    repeatedComplaints: { ...base.repeatedComplaints, ...overrides.repeatedComplaints },
    petitionSurge: { ...base.petitionSurge, ...overrides.petitionSurge },
    deviceOffline: { ...base.deviceOffline, ...overrides.deviceOffline },
    waterLeak: { ...base.waterLeak, ...overrides.waterLeak },
  };
}
