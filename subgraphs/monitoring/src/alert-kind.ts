import { registerEnumType } from 'type-graphql';

export enum AlertKind {
  FIRE = 'FIRE',
  GAS_LEAK = 'GAS_LEAK',
  WATER_LEAK = 'WATER_LEAK',
  ELEVATOR_TRAPPED = 'ELEVATOR_TRAPPED',
  ELDERLY_INACTIVITY = 'ELDERLY_INACTIVITY',
  REPEATED_COMPLAINTS = 'REPEATED_COMPLAINTS',
  PETITION_SURGE = 'PETITION_SURGE',
  DEVICE_OFFLINE = 'DEVICE_OFFLINE',
}
registerEnumType(AlertKind, { name: 'AlertKind', description: 'What an early warning (预警) is about.' });

export enum AlertSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}
registerEnumType(AlertSeverity, { name: 'AlertSeverity' });

export enum AlertStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
}
registerEnumType(AlertStatus, { name: 'AlertStatus', description: 'OPEN → ACKNOWLEDGED → RESOLVED.' });

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
