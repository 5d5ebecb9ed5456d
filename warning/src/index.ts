// The early-warning engine (预警响应): rules as data, each a pure function of facts read through the
// graph as the `service` identity, raising alerts in the monitoring subgraph.
export { EARLY_WARNING_PURPOSE, runEngine } from './engine';
export type { EngineFailure, EngineOptions, EngineRun, RaisedAlert } from './engine';
export { deviceOffline, elderlyInactivity, petitionSurge, repeatedComplaints, sensorThreshold, waterLeak, windowOf } from './evaluate';
export type {
  AlertCandidate,
  OfflineDeviceFact,
  PetitionFact,
  RepairRequestFact,
  RunningWaterFact,
  SensorReadingFact,
  WaterMeterFact,
} from './facts';
export { DEFAULT_RULES, withRules } from './rules';
export type {
  DeviceOfflineRule,
  ElderlyInactivityRule,
  PetitionSurgeRule,
  WaterLeakRule,
  RepeatedComplaintsRule,
  RuleBase,
  RuleOverrides,
  SensorThresholdRule,
  Severity,
  WarningRules,
} from './rules';
export { startWarningSchedule } from './schedule';
export type { WarningSchedule, WarningScheduleOptions } from './schedule';
