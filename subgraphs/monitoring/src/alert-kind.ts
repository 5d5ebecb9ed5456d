import type { DataLevel } from '@liangling/schema';
import type { AlertKind } from './enums';

// What each kind of alert means: the department it goes to, and whose data it was fused from.
/**
 * The department each kind of alert goes to (分级响应 across departments); the emergency department
 * sees and may handle all of them.
 */
export const ALERT_DEPARTMENT: Readonly<Record<AlertKind, string>> = {
  FIRE: 'EMERGENCY',
  GAS_LEAK: 'EMERGENCY',
  WATER_LEAK: 'EMERGENCY',
  ELEVATOR_TRAPPED: 'EMERGENCY',
  DEVICE_OFFLINE: 'EMERGENCY',
  ELDERLY_INACTIVITY: 'CIVIL_AFFAIRS',
  REPEATED_COMPLAINTS: 'CITY_MANAGEMENT',
  PETITION_SURGE: 'PETITIONS',
};

/**
 * Whose data an alert of a kind was fused from, and so who may learn where it is and what it rests on:
 * - `place`: devices, buildings and requests' buildings, the emergency department's records about no
 *   person: its place is staff's (INTERNAL);
 * - `household`: a household's meter and its residents' data: its place, evidence, related devices
 *   (whose place leads to the household) and resident are the household's residents' (staff covering
 *   that household: the grid worker of its grid, its community's staff; the departments it is routed to);
 * - `petitioners`: where petitions come from, which the petitions office alone may read
 *   (`Petition.region`, 信访工作条例): the department complained about learns neither the street nor which
 *   petitions made the surge.
 */
export type AlertSubject = 'place' | 'household' | 'petitioners';

/** How an alert of a kind is classified: written beside the rules that raise it (warning/src/rules.ts). */
export interface AlertClassification {
  /** The strictest level of what the rule fused: the level of the alert's place, evidence, related ids and resident. */
  readonly level: DataLevel;
  readonly about: AlertSubject;
  /** The fields (`Type.field`) the rule read to raise it; `level` is at least the level of each. */
  readonly fusedFrom: readonly string[];
}

const SENSOR: AlertClassification = { level: 'INTERNAL', about: 'place', fusedFrom: ['Device.place', 'SensorReading.value'] };

/** Derived records inherit: every kind's classification, decided per reader by the monitoring subgraph. */
export const ALERT_CLASSIFICATION: Readonly<Record<AlertKind, AlertClassification>> = {
  FIRE: SENSOR,
  GAS_LEAK: SENSOR,
  ELEVATOR_TRAPPED: SENSOR,
  DEVICE_OFFLINE: { level: 'INTERNAL', about: 'place', fusedFrom: ['Device.place', 'Device.status', 'Device.lastSeenAt'] },
  // A household's water use says when its people are home: the household's data, though the rule reads no person.
  WATER_LEAK: { level: 'PERSONAL', about: 'household', fusedFrom: ['Device.place', 'DeviceUsage.lowest'] },
  // Implies two care flags of a resident: sensitive personal information (PIPL Art. 28).
  ELDERLY_INACTIVITY: {
    level: 'SENSITIVE',
    about: 'household',
    fusedFrom: ['Device.place', 'DeviceUsage.total', 'Household.members', 'Resident.elderly', 'Resident.livesAlone'],
  },
  REPEATED_COMPLAINTS: { level: 'INTERNAL', about: 'place', fusedFrom: ['RepairRequest.building'] },
  PETITION_SURGE: { level: 'PERSONAL', about: 'petitioners', fusedFrom: ['Petition.region', 'Petition.subject'] },
};
